package dev.duplex.tck.reference;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.DataFormatException;

/**
 * The message the reference transport is receiving: fragments are checked (continuation rules,
 * UTF-8 as soon as the bytes show it, permessage-deflate) and joined into a whole message.
 *
 * <p>Threading: confined to the connection's reader thread.
 */
final class InboundMessage {
  private final Set<Fault> faults;
  private final long limit;
  private int type = -1;
  private long length;
  private boolean compressed;
  private Utf8Validator utf8;
  private ByteArrayOutputStream bytes;

  InboundMessage(Set<Fault> faults, long limit) {
    this.faults = faults;
    this.limit = limit;
  }

  /** @return whether a fragmented message is in progress */
  boolean inProgress() {
    return type >= 0;
  }

  /** @return the bytes received so far of the message in progress */
  long length() {
    return length;
  }

  /**
   * Adds a data frame.
   *
   * @param opcode 0, 1 or 2
   * @param fin the FIN bit
   * @param rsv1 the RSV1 bit (already checked to be allowed)
   * @param payload the payload
   * @param deflate the negotiated permessage-deflate, or null
   * @return the whole message ({@code String} or {@code ByteBuffer}) when one is complete (or, with
   *     {@link Fault#DELIVER_FRAGMENTS_SEPARATELY}, each fragment), else null
   * @throws ProtocolError when the server broke a rule
   */
  Object append(int opcode, boolean fin, boolean rsv1, byte[] payload, ReferenceDeflate deflate) throws ProtocolError {
    if (opcode == 0) {
      if (type < 0) {
        if (!faults.contains(Fault.ALLOW_ORPHAN_CONTINUATION)) {
          throw new ProtocolError(1002, "The server sent a continuation frame with no message to continue");
        }
        start(2, false);
      }
    } else {
      if (type >= 0 && !faults.contains(Fault.ALLOW_NEW_MESSAGE_IN_FRAGMENTED)) {
        throw new ProtocolError(1002, "The server started a new message inside a fragmented one");
      }
      start(opcode, rsv1 && deflate != null);
    }
    length += payload.length;
    if (compressed) {
      bytes.writeBytes(payload);
      if (fin) {
        inflate(deflate);
      }
    } else if (utf8 != null) {
      try {
        utf8.feed(payload, fin || faults.contains(Fault.VALIDATE_UTF8_PER_FRAGMENT));
      } catch (CharacterCodingException e) {
        throw new ProtocolError(1007, "The server sent a text message that is not valid UTF-8");
      }
    } else {
      bytes.writeBytes(payload);
    }
    if (!fin && !faults.contains(Fault.DELIVER_FRAGMENTS_SEPARATELY)) {
      return null;
    }
    Object message = type == 1 ? text() : ByteBuffer.wrap(bytes.toByteArray());
    if (fin) {
      type = -1;
      length = 0;
      utf8 = null;
      bytes = null;
    } else {
      start(type, false);
    }
    return message;
  }

  private String text() throws ProtocolError {
    String text = utf8 != null ? utf8.text()
        : compressed || faults.contains(Fault.VALIDATE_UTF8_AT_MESSAGE_END) ? decode(bytes.toByteArray(), "text message", faults)
        : bytes.toString(StandardCharsets.UTF_8);
    if (faults.contains(Fault.REJECT_NONCHARACTERS) && text.indexOf('\uFFFF') >= 0) {
      throw new ProtocolError(1007, "noncharacter");
    }
    return text;
  }

  private void start(int opcode, boolean deflated) {
    type = opcode;
    length = 0;
    compressed = deflated;
    boolean validate = opcode == 1 && !deflated && !faults.contains(Fault.SKIP_UTF8_VALIDATION)
        && !faults.contains(Fault.VALIDATE_UTF8_AT_MESSAGE_END);
    utf8 = validate ? new Utf8Validator() : null;
    bytes = validate ? null : new ByteArrayOutputStream();
  }

  /** Replaces the compressed bytes of the finished message with the message. */
  private void inflate(ReferenceDeflate deflate) throws ProtocolError {
    byte[] plain;
    try {
      plain = deflate.decompress(bytes.toByteArray(), limit);
    } catch (DataFormatException e) {
      throw new ProtocolError(1002, "The server's compressed message is not valid DEFLATE");
    }
    if (plain == null) {
      throw new ProtocolError(1009, "A message is larger than the limit of " + limit + " bytes");
    }
    bytes = new ByteArrayOutputStream(plain.length);
    bytes.writeBytes(plain);
  }

  /**
   * Decodes bytes that must be UTF-8 (a close reason, a decompressed text message).
   *
   * @param raw the bytes
   * @param what what they are, for the error
   * @param faults the faults switched on
   * @return the text
   * @throws ProtocolError 1007 if invalid
   */
  static String decode(byte[] raw, String what, Set<Fault> faults) throws ProtocolError {
    if (faults.contains(Fault.SKIP_UTF8_VALIDATION)) {
      return new String(raw, StandardCharsets.UTF_8);
    }
    try {
      return Utf8Validator.decode(raw);
    } catch (CharacterCodingException e) {
      throw new ProtocolError(1007, "The server's " + what + " is not valid UTF-8");
    }
  }
}
