package dev.duplex.transport.nio.internal;

import static dev.duplex.transport.nio.internal.WebSocketProtocol.B0_FIN;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.B0_OPCODE;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.B0_RSV1;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.B0_RSV2;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.B0_RSV3;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.MAX_CONTROL_PAYLOAD;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_BINARY;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_CLOSE;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_CONTINUATION;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_PING;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_PONG;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_TEXT;

import dev.duplex.spi.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The receiving rules of RFC 6455 (sections 5.2 to 5.6, 7.4 and 8.1) on top of the bits
 * {@link FrameReader} decodes: reserved bits and opcodes, unmasked server frames, control frame
 * size and fragmentation, the order of continuation frames, the maximum message size, UTF-8 of
 * text (validated as the bytes arrive) and of close reasons, and permessage-deflate (RFC 7692).
 * Whole messages and control frames go to a {@link Sink}.
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread.
 */
final class MessageDecoder implements FrameReader.Handler {

  /** Receives what the server sent, message by message. */
  interface Sink {
    void text(String text);

    void binary(ByteBuffer data);

    void ping(byte[] payload);

    void pong(byte[] payload);

    /** A Close frame: {@code code} is 1005 when it had no body. */
    void closeReceived(int code, String reason);
  }

  private static final int NO_MESSAGE = -1;

  private final Sink sink;
  private final long maxMessageSize;
  /** Null unless permessage-deflate was negotiated. */
  private final MessageInflater inflater;
  private final Utf8Validator utf8 = new Utf8Validator();

  // The frame being read.
  private int opcode;
  private boolean fin;
  private byte[] control;
  private int controlSize;

  // The message being assembled.
  private int messageOpcode = NO_MESSAGE;
  private boolean compressed;
  private MessageBuffer message;

  MessageDecoder(Sink sink, long maxMessageSize, MessageInflater inflater) {
    this.sink = sink;
    this.maxMessageSize = maxMessageSize;
    this.inflater = inflater;
  }

  @Override
  public void frameStart(int b0, boolean masked, long length) throws WebSocketFailure {
    if (masked) {
      throw WebSocketFailure.protocol("A server must not mask the frames it sends (RFC 6455 5.1).");
    }
    if ((b0 & (B0_RSV2 | B0_RSV3)) != 0) {
      throw WebSocketFailure.protocol("The server set RSV2 or RSV3, which no extension negotiated.");
    }
    opcode = b0 & B0_OPCODE;
    fin = (b0 & B0_FIN) != 0;
    boolean rsv1 = (b0 & B0_RSV1) != 0;
    if (length < 0) {
      throw WebSocketFailure.protocol("The 64-bit payload length has its most significant bit set.");
    }
    switch (opcode) {
      case OPCODE_CLOSE:
      case OPCODE_PING:
      case OPCODE_PONG:
        startControl(rsv1, length);
        break;
      case OPCODE_TEXT:
      case OPCODE_BINARY:
        if (messageOpcode != NO_MESSAGE) {
          throw WebSocketFailure.protocol("A new message began before the previous one was final.");
        }
        if (rsv1 && inflater == null) {
          throw WebSocketFailure.protocol("The server set RSV1, but no extension was negotiated.");
        }
        messageOpcode = opcode;
        compressed = rsv1;
        checkSize(length, 0); // before allocating: a 2^63-byte header allocates nothing
        message = new MessageBuffer(compressed ? length * 2 : length);
        break;
      case OPCODE_CONTINUATION:
        if (messageOpcode == NO_MESSAGE) {
          throw WebSocketFailure.protocol("A continuation frame arrived with no message to continue.");
        }
        if (rsv1) {
          throw WebSocketFailure.protocol("RSV1 may only be set on the first frame of a message.");
        }
        checkSize(length, message.size());
        break;
      default:
        throw WebSocketFailure.protocol("The server used the reserved opcode 0x"
            + Integer.toHexString(opcode) + ".");
    }
  }

  private void startControl(boolean rsv1, long length) throws WebSocketFailure {
    if (rsv1) {
      throw WebSocketFailure.protocol("RSV1 must not be set on a control frame.");
    }
    if (!fin) {
      throw WebSocketFailure.protocol("Control frames must be final.");
    }
    if (length > MAX_CONTROL_PAYLOAD) {
      throw WebSocketFailure.protocol("A control frame's payload must not exceed 125 bytes.");
    }
    control = new byte[(int) length];
    controlSize = 0;
  }

  private void checkSize(long frameLength, int received) throws WebSocketFailure {
    if (!compressed && frameLength > maxMessageSize - received) {
      throw new WebSocketFailure(CloseCodes.MESSAGE_TOO_BIG,
          "The message exceeds the maximum message size of " + maxMessageSize + " bytes.");
    }
  }

  @Override
  public void framePayload(ByteBuffer payload) throws WebSocketFailure {
    if (WebSocketProtocol.isControl(opcode)) {
      int n = payload.remaining();
      payload.get(control, controlSize, n);
      controlSize += n;
      return;
    }
    int before = message.size();
    if (compressed) {
      inflater.inflate(payload, message, maxMessageSize);
    } else {
      message.append(payload);
    }
    if (messageOpcode == OPCODE_TEXT && !utf8.feed(message.array(), before, message.size() - before)) {
      throw invalidUtf8("a text message");
    }
  }

  @Override
  public void frameEnd() throws WebSocketFailure {
    switch (opcode) {
      case OPCODE_CLOSE:
        closeFrame();
        return;
      case OPCODE_PING:
        sink.ping(takeControl());
        return;
      case OPCODE_PONG:
        sink.pong(takeControl());
        return;
      default:
        break;
    }
    if (!fin) {
      return;
    }
    if (compressed) {
      int before = message.size();
      inflater.finish(message, maxMessageSize);
      if (messageOpcode == OPCODE_TEXT
          && !utf8.feed(message.array(), before, message.size() - before)) {
        throw invalidUtf8("a text message");
      }
    }
    MessageBuffer done = message;
    int type = messageOpcode;
    message = null;
    messageOpcode = NO_MESSAGE;
    if (type == OPCODE_TEXT) {
      if (!utf8.isComplete()) {
        throw invalidUtf8("a text message (it ends inside a character)");
      }
      utf8.reset();
      // Already validated: the JDK's own decoding constructor is the fastest way to a String,
      // with an intrinsic for ASCII, and can no longer meet a malformed sequence.
      sink.text(new String(done.array(), 0, done.size(), StandardCharsets.UTF_8));
    } else {
      sink.binary(done.toBuffer());
    }
  }

  private byte[] takeControl() {
    byte[] payload = control;
    control = null;
    return payload;
  }

  private void closeFrame() throws WebSocketFailure {
    byte[] body = takeControl();
    if (body.length == 0) {
      sink.closeReceived(CloseCodes.NO_STATUS_RECEIVED, "");
      return;
    }
    if (body.length == 1) {
      throw WebSocketFailure.protocol("A Close frame's body must not be a single byte.");
    }
    int code = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    if (!CloseCodes.isValidOnWire(code)) {
      throw WebSocketFailure.protocol("The server sent the close code " + code
          + ", which may not be sent (RFC 6455 7.4).");
    }
    if (!Utf8Validator.isValid(body, 2, body.length - 2)) {
      throw invalidUtf8("a close reason");
    }
    sink.closeReceived(code, new String(body, 2, body.length - 2, StandardCharsets.UTF_8));
  }

  private static WebSocketFailure invalidUtf8(String where) {
    return new WebSocketFailure(CloseCodes.INVALID_PAYLOAD,
        "The server sent invalid UTF-8 in " + where + " (RFC 6455 8.1).");
  }

  /** Frees native memory held for decompression. */
  void release() {
    if (inflater != null) {
      inflater.end();
    }
  }
}
