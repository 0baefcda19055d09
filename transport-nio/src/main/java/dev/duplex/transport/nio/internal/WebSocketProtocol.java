package dev.duplex.transport.nio.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Constants and pure functions of RFC 6455 section 5.2, the base framing protocol:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 *
 * <p>Threading: constants and pure functions only.
 */
public final class WebSocketProtocol {
  /** The GUID that RFC 6455 section 1.3 appends to the key. */
  static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  static final int B0_FIN = 0x80;
  static final int B0_RSV1 = 0x40;
  static final int B0_RSV2 = 0x20;
  static final int B0_RSV3 = 0x10;
  static final int B0_OPCODE = 0x0f;
  static final int B1_MASK = 0x80;
  static final int B1_LENGTH = 0x7f;

  static final int OPCODE_CONTINUATION = 0x0;
  static final int OPCODE_TEXT = 0x1;
  static final int OPCODE_BINARY = 0x2;
  static final int OPCODE_CLOSE = 0x8;
  static final int OPCODE_PING = 0x9;
  static final int OPCODE_PONG = 0xa;
  /** Control frames have the opcode's high bit set (section 5.5). */
  static final int OPCODE_FLAG_CONTROL = 0x8;

  /** The largest payload a control frame may carry (section 5.5). */
  static final int MAX_CONTROL_PAYLOAD = 125;
  /** The largest reason a Close frame may carry: 125 less the two bytes of the code. */
  static final int MAX_CLOSE_REASON = 123;
  static final int LENGTH_16 = 126;
  static final int LENGTH_64 = 127;

  private WebSocketProtocol() {}

  /**
   * The {@code Sec-WebSocket-Accept} value a server must answer {@code key} with (section 4.2.2
   * step 5.4): base64 of the SHA-1 of the key followed by the GUID.
   *
   * @param key the {@code Sec-WebSocket-Key} the client sent
   * @return the expected accept value
   */
  public static String acceptHeader(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must support SHA-1.", e);
    }
  }

  /** @return whether {@code opcode} is a control opcode (close, ping, pong or reserved) */
  static boolean isControl(int opcode) {
    return (opcode & OPCODE_FLAG_CONTROL) != 0;
  }
}
