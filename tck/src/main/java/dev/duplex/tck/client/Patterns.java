package dev.duplex.tck.client;

/**
 * Message bytes that show where they were changed: a pattern that differs with its seed and,
 * within a message, from byte to byte (also across 8 KiB boundaries), so a message sent with
 * some bytes from the wrong moment or the wrong offset never matches.
 *
 * <p>Threading: pure functions.
 */
public final class Patterns {
  private Patterns() {}

  /**
   * @param size the number of bytes
   * @param seed what distinguishes one message from another; byte 0 is {@code (byte) seed}
   * @return a new array of the pattern
   */
  public static byte[] of(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + (i >>> 13) + seed);
    }
    return b;
  }
}
