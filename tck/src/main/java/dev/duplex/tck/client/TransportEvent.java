package dev.duplex.tck.client;

import dev.duplex.spi.Handshake;
import java.nio.ByteBuffer;

/**
 * One callback a transport made on a {@link RecordingListener}.
 *
 * <p>Threading: immutable.
 *
 * @param kind which callback
 * @param handshake for {@link Kind#OPENED}
 * @param text for {@link Kind#TEXT}, and the reason of {@link Kind#CLOSING}/{@link Kind#CLOSED}
 * @param binary for {@link Kind#BINARY}
 * @param code for {@link Kind#CLOSING}/{@link Kind#CLOSED}; the byte count of
 *     {@link Kind#TRANSMITTED}
 * @param wasClean for {@link Kind#CLOSED}
 * @param cause for {@link Kind#FAILED}
 * @param thread the name of the thread that made the callback
 */
public record TransportEvent(
    Kind kind, Handshake handshake, String text, ByteBuffer binary, long code, boolean wasClean,
    Throwable cause, String thread) {

  /** The callbacks of {@link dev.duplex.spi.ConnectionListener}. */
  public enum Kind {
    /** {@code opened}. */
    OPENED,
    /** {@code text}. */
    TEXT,
    /** {@code binary}. */
    BINARY,
    /** {@code closing}. */
    CLOSING,
    /** {@code closed} (terminal). */
    CLOSED,
    /** {@code failed} (terminal). */
    FAILED,
    /** {@code transmitted}. */
    TRANSMITTED
  }

  /** @return whether this is a terminal callback */
  public boolean terminal() {
    return kind == Kind.CLOSED || kind == Kind.FAILED;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case OPENED -> "opened(" + handshake + ")";
      case TEXT -> "text(" + abbreviate(text) + ")";
      case BINARY -> "binary(" + binary.remaining() + " bytes)";
      case CLOSING -> "closing(" + code + ", " + text + ")";
      case CLOSED -> "closed(" + code + ", " + text + ", wasClean=" + wasClean + ")";
      case FAILED -> "failed(" + cause + ")";
      case TRANSMITTED -> "transmitted(" + code + ")";
    };
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + " chars)" : s;
  }
}
