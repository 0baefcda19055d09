package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.duplex.tck.fixture.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** In-memory checks of the re-masking over every split of the stream (RFC 6455 5.3). */
class OutboundMaskerTest {
  private static final byte[] REQUEST =
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] KEY = {9, 8, 7, 6};

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 7, 100_000})
  void rfc6455_5_3_replacesEveryKeyAndKeepsEveryPayload(int piece) {
    Frame[] frames = {
        Frame.text("hello").masked(KEY),
        Frame.binary(new byte[0]).masked(KEY),
        Frame.binary(new byte[300]).masked(KEY),
        Frame.binary(new byte[70_000]).masked(KEY),
        Frame.close(1000, "bye").masked(KEY)};
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(REQUEST);
    for (Frame f : frames) {
      in.writeBytes(f.encode());
    }
    byte[] original = in.toByteArray();
    OutboundMasker masker = new OutboundMasker(new WireControl(1000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] copy = Arrays.copyOf(original, original.length);
    for (int off = 0; off < copy.length; off += piece) {
      out.writeBytes(masker.transform(copy, off, Math.min(piece, copy.length - off)));
    }
    assertArrayEquals(original, copy, "the caller's bytes are never changed");
    byte[] wire = out.toByteArray();
    assertEquals(original.length, wire.length);
    assertArrayEquals(REQUEST, Arrays.copyOf(wire, REQUEST.length), "the request passes unchanged");

    int pos = REQUEST.length;
    for (Frame f : frames) {
      byte[] sent = f.encode();
      int keyAt = (sent[1] & 0x7f) == 126 ? 4 : (sent[1] & 0x7f) == 127 ? 10 : 2;
      assertArrayEquals(Arrays.copyOfRange(sent, 0, keyAt), Arrays.copyOfRange(wire, pos, pos + keyAt));
      byte[] key = Arrays.copyOfRange(wire, pos + keyAt, pos + keyAt + 4);
      assertFalse(Arrays.equals(KEY, key), "a new key");
      byte[] payload = Arrays.copyOfRange(wire, pos + keyAt + 4, pos + sent.length);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= key[i & 3];
      }
      assertArrayEquals(f.payload(), payload, "the payload unmasks to the original");
      pos += sent.length;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 1000})
  void w3c_close_emptiesTheCloseFrameOnlyWhenAsked(int piece) {
    WireControl wire = new WireControl(1000);
    OutboundMasker masker = new OutboundMasker(wire);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(REQUEST);
    in.writeBytes(Frame.text("kept").masked(KEY).encode());
    in.writeBytes(Frame.close(1000, "").masked(KEY).encode());
    byte[] original = in.toByteArray();
    wire.requestEmptyClose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < original.length; off += piece) {
      out.writeBytes(masker.transform(original, off, Math.min(piece, original.length - off)));
    }
    byte[] wireBytes = out.toByteArray();
    int closeAt = REQUEST.length + Frame.text("kept").masked(KEY).encode().length;
    assertEquals(closeAt + 6, wireBytes.length, "the Close frame lost its 2-byte code");
    assertEquals((byte) 0x88, wireBytes[closeAt]);
    assertEquals((byte) 0x80, wireBytes[closeAt + 1], "masked, length 0");
  }
}
