package dev.duplex.spi;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One RFC 6455 connection, as seen by the engine: what it may ask the transport to do.
 *
 * <p>Threading: every method is thread-safe and non-blocking; it may be called from any thread,
 * including from inside a {@link ConnectionListener} callback. Messages are written in the order
 * of the calls. Methods called before {@link ConnectionListener#opened} or after the terminal
 * callback are ignored (the engine never does so).
 */
public interface Connection {

  /**
   * Queues a text message. The string is well-formed UTF-16 (the engine has already replaced
   * lone surrogates with U+FFFD). When its bytes have been written to the network the transport
   * reports {@link ConnectionListener#transmitted(long)} with its UTF-8 length.
   *
   * @param text the whole message
   */
  void sendText(String text);

  /**
   * Queues a binary message of the bytes from {@code data}'s position to its limit. The engine
   * hands over a buffer nobody else changes; the transport must not change its content or rely
   * on its position and limit after {@link ConnectionListener#transmitted(long)} (reported with
   * {@code data.remaining()} as it was).
   *
   * @param data the whole message
   */
  void sendBinary(ByteBuffer data);

  /**
   * Queues a binary message of the bytes from {@code data}'s position to its limit as they are
   * during this call: the caller may change them, and {@code data}'s position and limit, as soon
   * as it returns (the W3C {@code send} takes the data at the time of the call). Reported
   * transmitted like {@link #sendBinary}.
   *
   * <p>The default copies the bytes and calls {@link #sendBinary} with the copy. A transport that
   * can take them more cheaply during the call (writing them to the socket, say) overrides it; it
   * must then not use {@code data} once it returns, and the rule of
   * {@link Transport#allowsInlineDispatch()} still holds: nothing it completes inside the call
   * (bytes written, a write that fails) is reported to the listener before the call returns.
   *
   * @param data the whole message, lent for the duration of the call
   */
  default void sendBinaryBorrowed(ByteBuffer data) {
    ByteBuffer copy;
    if (data.hasArray()) {
      // Arrays.copyOfRange: the JVM fills the new array without zeroing it first.
      int from = data.arrayOffset() + data.position();
      copy = ByteBuffer.wrap(Arrays.copyOfRange(data.array(), from, from + data.remaining()));
    } else {
      copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
    }
    sendBinary(copy);
  }

  /**
   * Starts the closing handshake (RFC 6455 section 7.1.2) after every message queued before it.
   * The engine has already validated the arguments: {@code code} is 1000 or 3000–4999 with a
   * reason of at most 123 UTF-8 bytes, or {@link CloseCodes#NO_STATUS_RECEIVED} (1005), which
   * means "send a Close frame with no body" (the reason is then empty). A second call is ignored.
   *
   * @param code the status code, or 1005 for none
   * @param reason the reason, possibly empty
   */
  void close(int code, String reason);

  /**
   * Closes the TCP connection at once, without a closing handshake ("fail the WebSocket
   * connection" or "close with prejudice"). The transport then reports its terminal callback
   * (normally {@code closed(1006, "", false)}) unless it already has. Idempotent.
   */
  void abort();
}
