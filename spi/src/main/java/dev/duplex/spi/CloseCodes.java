package dev.duplex.spi;

/**
 * RFC 6455 section 7.4 status codes and the rules about which may be sent and received, kept in
 * one place so that every transport applies the same rules.
 *
 * <p>Threading: constants and pure functions only.
 */
public final class CloseCodes {
  /** 1000: the purpose of the connection has been fulfilled. */
  public static final int NORMAL_CLOSURE = 1000;
  /** 1001: the endpoint is going away (server down, page navigated away, context closed). */
  public static final int GOING_AWAY = 1001;
  /** 1002: protocol error. */
  public static final int PROTOCOL_ERROR = 1002;
  /** 1003: a data type the endpoint cannot accept. */
  public static final int UNSUPPORTED_DATA = 1003;
  /** 1005: reserved; "no status code was present". Never sent. */
  public static final int NO_STATUS_RECEIVED = 1005;
  /** 1006: reserved; "closed abnormally, without a Close frame". Never sent. */
  public static final int ABNORMAL_CLOSURE = 1006;
  /** 1007: data inconsistent with the message type (for example invalid UTF-8 text). */
  public static final int INVALID_PAYLOAD = 1007;
  /** 1008: policy violation. */
  public static final int POLICY_VIOLATION = 1008;
  /** 1009: message too big to process. */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** 1010: the client expected the server to negotiate an extension. */
  public static final int MANDATORY_EXTENSION = 1010;
  /** 1011: the server met an unexpected condition. */
  public static final int INTERNAL_ERROR = 1011;
  /** 1015: reserved; TLS handshake failure. Never sent. */
  public static final int TLS_HANDSHAKE = 1015;

  private CloseCodes() {}

  /**
   * Whether a Close frame received from a server may carry {@code code} (RFC 6455 section 7.4:
   * 1000–1003, 1007–1014 and 3000–4999; 1004–1006, 1015 and everything else are protocol
   * errors). 1012–1014 are registered in the IANA registry that section 11.7 creates.
   *
   * @param code the received code
   * @return true if it is valid on the wire
   */
  public static boolean isValidOnWire(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }

  /**
   * Whether the W3C API lets an application pass {@code code} to {@code close()}: 1000 or
   * 3000–4999.
   *
   * @param code the code the application gave
   * @return true if allowed
   */
  public static boolean isApplicationCode(int code) {
    return code == NORMAL_CLOSURE || (code >= 3000 && code <= 4999);
  }

  /**
   * The code a client echoes in its reply to a server's Close frame carrying {@code received}:
   * the same code when it may be sent, otherwise 1000 (RFC 6455 section 5.5.1 lets the reply
   * carry the received code; 1005 means the reply has no body).
   *
   * @param received the code received, or 1005 if none
   * @return the code to send, or 1005 for an empty Close frame
   */
  public static int replyTo(int received) {
    if (received == NO_STATUS_RECEIVED) {
      return NO_STATUS_RECEIVED;
    }
    return isValidOnWire(received) ? received : NORMAL_CLOSURE;
  }
}
