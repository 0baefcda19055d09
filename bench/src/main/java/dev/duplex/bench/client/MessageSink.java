package dev.duplex.bench.client;

/**
 * Told about each whole message a {@link WsConnection} receives, and about its end.
 *
 * <p>Threading: called on the client library's own thread, one message at a time per connection.
 */
@FunctionalInterface
public interface MessageSink {
  /** @param length the message's length in bytes */
  void onMessage(int length);

  /**
   * The connection closed or failed (after it opened, or instead of opening).
   *
   * @param why what the client library said, for the report
   */
  default void onClosed(String why) {
    // most sinks only count messages
  }
}
