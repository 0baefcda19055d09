package dev.duplex.bench.client;

/**
 * Told about each whole message a {@link WsConnection} receives.
 *
 * <p>Threading: called on the client library's own thread, one message at a time per connection.
 */
@FunctionalInterface
public interface MessageSink {
  /** @param length the message's length in bytes */
  void onMessage(int length);
}
