package dev.duplex.bench.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds RFC 6455 frames byte by byte for the echo tests, and the frames a server must answer
 * with.
 *
 * <p>Threading: stateless.
 */
final class Frames {
  static final int FIN = 0x80;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;
  static final int KEY = 0x37FA213D;

  private Frames() {}

  /** @return a masked client frame with the shortest length encoding */
  static byte[] client(int first, byte[] payload) {
    return client(first, payload.length, payload, KEY);
  }

  /**
   * @param first the first byte (FIN, RSV, opcode)
   * @param length the length the header states
   * @param payload the payload bytes that follow it (may be fewer than {@code length})
   * @param key the mask key
   * @return the header and the masked payload
   */
  static byte[] client(int first, long length, byte[] payload, int key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first);
    writeLength(out, 0x80, length);
    for (int i = 0; i < 4; i++) {
      out.write(key >>> (24 - 8 * i));
    }
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ key >>> (24 - 8 * (i % 4)));
    }
    return out.toByteArray();
  }

  /** @return the unmasked server frame with the shortest length encoding */
  static byte[] server(int first, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first);
    writeLength(out, 0, payload.length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** @return a server Close with this code and no reason */
  static byte[] serverClose(int code) {
    return server(FIN | CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
  }

  /** @return a Close body: the code and the reason */
  static byte[] closeBody(int code, String reason) {
    byte[] why = reason.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[2 + why.length];
    b[0] = (byte) (code >> 8);
    b[1] = (byte) code;
    System.arraycopy(why, 0, b, 2, why.length);
    return b;
  }

  private static void writeLength(ByteArrayOutputStream out, int maskBit, long length) {
    if (length >= 0 && length < 126) {
      out.write(maskBit | (int) length);
    } else if (length >= 0 && length <= 0xFFFF) {
      out.write(maskBit | 126);
      out.write((int) (length >> 8));
      out.write((int) length);
    } else {
      out.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (length >>> (8 * i)));
      }
    }
  }

  /** @return {@code n} bytes of a varied pattern (ASCII letters, so valid as text too) */
  static byte[] payload(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + (i * 7 + i / 26) % 26);
    }
    return b;
  }

  /**
   * A frame as a server sent it.
   *
   * @param first the first byte
   * @param payload the payload
   */
  record Frame(int first, byte[] payload) {
    int opcode() {
      return first & 0x0F;
    }

    /** @return a Close frame's status code */
    int code() {
      return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }
  }

  /**
   * @param bytes unmasked frames one after another, the last one whole
   * @return the frames
   */
  static List<Frame> parseServer(byte[] bytes) {
    List<Frame> frames = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int first = bytes[at] & 0xFF;
      int len7 = bytes[at + 1] & 0x7F;
      if ((bytes[at + 1] & 0x80) != 0) {
        throw new AssertionError("a masked server frame at byte " + at);
      }
      at += 2;
      long length = len7;
      int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
      if (extended > 0) {
        length = 0;
        for (int i = 0; i < extended; i++) {
          length = length << 8 | bytes[at++] & 0xFF;
        }
      }
      frames.add(new Frame(first, Arrays.copyOfRange(bytes, at, at + (int) length)));
      at += (int) length;
    }
    return frames;
  }

  /** @return the arrays one after another */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
