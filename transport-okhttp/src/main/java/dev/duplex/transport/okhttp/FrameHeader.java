package dev.duplex.transport.okhttp;

/**
 * The first bytes of one RFC 6455 frame (section 5.2), up to the extended payload length, as
 * they arrive one by one: shared by the {@link InboundGuard} and the {@link OutboundMasker},
 * which both follow a stream OkHttp reads or writes without parsing it for OkHttp.
 *
 * <p>Threading: confined to one stream's thread.
 */
final class FrameHeader {
  private final byte[] bytes = new byte[10];
  private int count;
  private int needed = 2;

  /** Starts the next frame. */
  void reset() {
    count = 0;
    needed = 2;
  }

  /**
   * @param b the next byte of the header
   * @return true once the header is complete up to the extended length (the mask key follows)
   */
  boolean add(byte b) {
    bytes[count++] = b;
    if (count == 2) {
      int len7 = len7();
      needed = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
    }
    return count == needed;
  }

  /** @return how many header bytes have arrived */
  int count() {
    return count;
  }

  boolean fin() {
    return (bytes[0] & 0x80) != 0;
  }

  boolean rsv1() {
    return (bytes[0] & 0x40) != 0;
  }

  /** @return whether RSV2 or RSV3 is set (no extension here defines them) */
  boolean rsv23() {
    return (bytes[0] & 0x30) != 0;
  }

  int opcode() {
    return bytes[0] & 0x0f;
  }

  boolean masked() {
    return (bytes[1] & 0x80) != 0;
  }

  /** @return the 7-bit length field: the length, or 126/127 for an extended one */
  int len7() {
    return bytes[1] & 0x7f;
  }

  /** @return the payload length; negative when a 64-bit length has its high bit set (invalid) */
  long payloadLength() {
    if (needed == 2) {
      return len7();
    }
    long length = 0;
    for (int k = 2; k < needed; k++) {
      length = (length << 8) | (bytes[k] & 0xff);
    }
    return length;
  }
}
