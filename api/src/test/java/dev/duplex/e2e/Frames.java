package dev.duplex.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The smallest RFC 6455 framing the end-to-end test needs: whole unfragmented frames, masked from
 * the client, unmasked from the server. Test fixture only; the real transports live elsewhere.
 *
 * <p>Threading: stateless; callers serialise writes on one stream.
 */
final class Frames {
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  private Frames() {}

  /** One received frame. */
  record Frame(int opcode, byte[] payload) {}

  static void write(OutputStream out, int opcode, byte[] payload, boolean mask) throws IOException {
    int n = payload.length;
    int maskBit = mask ? 0x80 : 0;
    out.write(0x80 | opcode);
    if (n < 126) {
      out.write(maskBit | n);
    } else if (n < 65536) {
      out.write(maskBit | 126);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) n >>> shift));
      }
    }
    byte[] body = payload.clone();
    if (mask) {
      byte[] key = new byte[4];
      ThreadLocalRandom.current().nextBytes(key);
      out.write(key);
      for (int i = 0; i < n; i++) {
        body[i] ^= key[i & 3];
      }
    }
    out.write(body);
    out.flush();
  }

  static Frame read(DataInputStream in) throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long n = b1 & 0x7F;
    if (n == 126) {
      n = in.readUnsignedShort();
    } else if (n == 127) {
      n = in.readLong();
    }
    if (n > (16 << 20)) {
      throw new IOException("A frame of " + n + " bytes is too big for the test fixture.");
    }
    byte[] key = null;
    if ((b1 & 0x80) != 0) {
      key = new byte[4];
      in.readFully(key);
    }
    byte[] payload = new byte[(int) n];
    in.readFully(payload);
    if (key != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= key[i & 3];
      }
    }
    return new Frame(b0 & 0x0F, payload);
  }

  static byte[] closeBody(int code, String reason) {
    if (code == 1005) {
      return new byte[0];
    }
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[2 + r.length];
    body[0] = (byte) (code >>> 8);
    body[1] = (byte) code;
    System.arraycopy(r, 0, body, 2, r.length);
    return body;
  }

  static int closeCode(byte[] body) {
    return body.length < 2 ? 1005 : ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
  }

  static String closeReason(byte[] body) {
    return body.length <= 2 ? "" : new String(body, 2, body.length - 2, StandardCharsets.UTF_8);
  }

  static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads HTTP header lines up to the empty line; returns them, the first being the start line. */
  static java.util.List<String> readHead(DataInputStream in) throws IOException {
    java.util.List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.readUnsignedByte();
      if (c == '\n') {
        String l = line.toString().strip();
        if (l.isEmpty()) {
          return lines;
        }
        lines.add(l);
        line.setLength(0);
      } else if (line.length() > 8192) {
        throw new IOException("An HTTP header line is too long for the test fixture.");
      } else {
        line.append((char) c);
      }
    }
  }
}
