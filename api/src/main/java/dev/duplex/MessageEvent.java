package dev.duplex;

import dev.duplex.internal.ParsedUrl;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@code message} event: one whole message. {@link #data()} is a {@link String} for a text
 * message, and for a binary message a {@link Blob} or a read-only {@link ByteBuffer}, as the
 * socket's {@link WebSocket#binaryType()} was when the event was dispatched.
 *
 * <p>Threading: immutable once dispatched.
 */
public class MessageEvent extends Event {
  private final Object data;
  /** The engine's events work the origin out only when asked (see {@link #origin()}). */
  private final ParsedUrl url;
  private String origin;

  /**
   * @param type the event type, normally {@code "message"}
   * @param data a {@link String}, {@link Blob} or {@link ByteBuffer}
   * @param origin the origin of the URL the message came from, for example
   *     {@code "ws://example.com"}
   * @throws NullPointerException if an argument is null
   */
  public MessageEvent(String type, Object data, String origin) {
    super(type);
    this.data = Objects.requireNonNull(data, "data");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.url = null;
  }

  /** An engine's event: the origin is that of {@code url}, serialized on first use. */
  MessageEvent(Object data, ParsedUrl url) {
    super("message");
    this.data = data;
    this.url = url;
  }

  /** @return the message: a {@link String}, a {@link Blob} or a read-only {@link ByteBuffer} */
  public Object data() {
    return data;
  }

  /** @return the origin of the socket's URL, for example {@code "wss://example.com:8443"} */
  public String origin() {
    String o = origin;
    if (o == null) {
      // Racy but benign: every thread computes the same immutable string.
      o = url.origin();
      origin = o;
    }
    return o;
  }

  /** @return always the empty string (WebSocket messages have no event id) */
  public String lastEventId() {
    return "";
  }

  /** @return true if the message is text */
  public boolean isText() {
    return data instanceof String;
  }

  /**
   * @return the text message
   * @throws IllegalStateException if the message is not text
   */
  public String text() {
    return as(String.class, "text");
  }

  /**
   * @return the binary message as a Blob
   * @throws IllegalStateException if the data is not a Blob (a text message, or binaryType was
   *     {@code ARRAYBUFFER})
   */
  public Blob blob() {
    return as(Blob.class, "a Blob");
  }

  /**
   * @return a fresh read-only view (position 0) of the binary message
   * @throws IllegalStateException if the data is not a ByteBuffer (a text message, or
   *     binaryType was {@code BLOB})
   */
  public ByteBuffer arrayBuffer() {
    return as(ByteBuffer.class, "a ByteBuffer").duplicate();
  }

  private <T> T as(Class<T> type, String what) {
    if (!type.isInstance(data)) {
      throw new IllegalStateException(
          "The message is " + describe() + ", not " + what + ".");
    }
    return type.cast(data);
  }

  private String describe() {
    if (data instanceof String) {
      return "text";
    }
    return data instanceof Blob ? "a Blob" : "a " + data.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "MessageEvent[type=" + type() + ", data=" + describe() + "]";
  }
}
