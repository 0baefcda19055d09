package dev.duplex.tck.reference;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Encodes the reference transport's frames (RFC 6455 5.2): always final, masked with a fresh key
 * from {@link SecureRandom} (5.3), the payload length in its shortest form, unless a
 * {@link Fault} says otherwise.
 *
 * <p>Threading: used by the connection's writer thread only.
 */
final class ClientFrameEncoder {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Set<Fault> faults;
  private final byte[] fixedMask = new byte[4];

  ClientFrameEncoder(Set<Fault> faults) {
    this.faults = faults;
    RANDOM.nextBytes(fixedMask);
  }

  /**
   * @param opcode the opcode
   * @param payload the payload
   * @param rsv1 whether to set RSV1 (a compressed message)
   * @return the frame's bytes
   */
  byte[] encode(int opcode, byte[] payload, boolean rsv1) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    boolean setRsv1 = rsv1 || (opcode == 1 && faults.contains(Fault.SET_RSV1_ON_TEXT));
    frame.write(0x80 | opcode | (setRsv1 ? 0x40 : 0));
    boolean mask = !faults.contains(Fault.NO_MASK);
    int maskBit = mask ? 0x80 : 0;
    int n = payload.length;
    boolean longForm = faults.contains(Fault.ALWAYS_64BIT_LENGTH);
    if (n < 126 && !longForm) {
      frame.write(maskBit | n);
    } else if (n < 65536 && !longForm) {
      frame.write(maskBit | 126);
      frame.write(n >>> 8);
      frame.write(n);
    } else {
      frame.write(maskBit | 127);
      frame.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
    }
    byte[] body = payload.clone();
    if (mask) {
      byte[] key = fixedMask;
      if (!faults.contains(Fault.REUSE_MASK_KEY)) {
        key = new byte[4];
        RANDOM.nextBytes(key);
      }
      frame.writeBytes(key);
      for (int i = 0; i < body.length; i++) {
        body[i] ^= key[i & 3];
      }
    }
    frame.writeBytes(body);
    return frame.toByteArray();
  }
}
