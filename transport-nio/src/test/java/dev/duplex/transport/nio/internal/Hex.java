package dev.duplex.transport.nio.internal;

import java.util.HexFormat;

/** Hex test vectors. Threading: pure functions. */
final class Hex {
  private Hex() {}

  /** @param hex bytes as hex digits, spaces allowed */
  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
