package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client frames out, checked by parsing them back with the same reader the tests trust. */
class OutboundFrameTest {
  private final MaskKeys keys = new MaskKeys(new SecureRandom());

  private static byte[] write(OutboundFrame frame, MaskKeys keys, int bufferSize) {
    ByteBuffer all = ByteBuffer.allocate(1 << 21);
    ByteBuffer out = ByteBuffer.allocate(bufferSize);
    boolean done;
    do {
      out.clear();
      done = frame.writeTo(out, keys, new MaskScratch(BufferPool.BUFFER_SIZE));
      out.flip();
      all.put(out);
    } while (!done);
    byte[] b = new byte[all.position()];
    all.flip().get(b);
    return b;
  }

  /** Unmasks a client frame the way a server does, checking the MASK bit is set. */
  private static String parse(byte[] wire) throws WebSocketFailure {
    StringBuilder s = new StringBuilder();
    FrameReader reader = new FrameReader(new FrameReader.Handler() {
      @Override
      public void frameStart(int b0, boolean masked, long length) {
        assertTrue(masked, "every client frame is masked (RFC 6455 5.3)");
        s.append(Integer.toHexString(b0)).append(' ').append(length).append(' ');
      }

      @Override
      public void framePayload(ByteBuffer payload) {
        while (payload.hasRemaining()) {
          s.append(String.format("%02x", payload.get()));
        }
      }

      @Override
      public void frameEnd() {}
    });
    reader.parse(ByteBuffer.wrap(wire));
    return s.toString();
  }

  @Test
  void rfc6455_5_3_textFrameIsMaskedAndRoundTrips() throws Exception {
    byte[] wire = write(OutboundFrame.text("Hello", false), keys, 64);
    assertEquals(2 + 4 + 5, wire.length);
    assertEquals("81 5 48656c6c6f", parse(wire));
  }

  @Test
  void rfc6455_5_3_everyFrameHasAFreshMaskingKey() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      byte[] wire = write(OutboundFrame.text("x", false), keys, 64);
      seen.add(Hex.of(java.util.Arrays.copyOfRange(wire, 2, 6)));
    }
    assertTrue(seen.size() > 990, "keys repeat: " + (1000 - seen.size()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 125, 126, 65535, 65536, 100_003})
  void rfc6455_5_2_lengthEncodingsAndMaskingInPieces(int size) throws Exception {
    byte[] payload = new byte[size];
    new SecureRandom().nextBytes(payload);
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      ByteBuffer data = ByteBuffer.allocateDirect(size + 3).order(order);
      data.position(3);
      data.put(payload).position(3);
      byte[] wire = write(OutboundFrame.binary(data, false), keys, 1000 + (size % 7));
      int header = size < 126 ? 2 : size <= 0xffff ? 4 : 10;
      assertEquals(header + 4 + size, wire.length);
      assertEquals("82 " + size + " " + Hex.of(payload), parse(wire));
      assertEquals(3, data.position(), "the caller's buffer position is untouched");
    }
  }

  @Test
  void rfc6455_5_5_1_closeWithoutCodeHasAnEmptyBody() throws Exception {
    assertEquals("88 0 ", parse(write(OutboundFrame.close(CloseCodes.NO_STATUS_RECEIVED, ""), keys, 64)));
  }

  @Test
  void rfc6455_5_5_closeReasonIsCutToFitAtACharacterBoundary() throws Exception {
    String reason = "é".repeat(100); // 200 bytes
    String parsed = parse(write(OutboundFrame.close(1000, reason), keys, 256));
    assertEquals("88 124 03e8" + "c3a9".repeat(61), parsed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"array", "readOnly", "sliceOfArray", "direct"})
  void rfc6455_5_3_maskCopyMatchesBytewiseXorAtEveryOffsetAndChunk(String kind) {
    byte[] bytes = new byte[4096];
    new SecureRandom().nextBytes(bytes);
    int from = 5; // the source index of the first byte to mask
    // Word-at-a-time chunks (below Masking.VECTOR_MIN) and vector chunks, one or several per
    // call, with the scratch's spelled-out key reused, regrown and replaced from call to call.
    int[][] sizes = {{8, 37}, {16, 37}, {64, 37}, {128, 127}, {128, 128}, {128, 300},
        {256, 1000}, {1024, 1000}, {1024, 4000}, {4096, 129}};
    int[] keys = {0x37fa213d, 0x80000001, 0x37fa213d, 0xffffffff};
    for (int[] size : sizes) {
      MaskScratch scratch = new MaskScratch(size[0]);
      int n = size[1];
      for (int key : keys) {
        for (int offset = 0; offset < 4; offset++) {
          ByteBuffer src = source(kind, bytes);
          ByteBuffer dst = ByteBuffer.allocateDirect(n + 11);
          dst.position(3);
          Masking.maskCopy(src, from, dst, n, key, offset, scratch);
          assertEquals(3 + n, dst.position(), "dst advanced by n");
          for (int i = 0; i < n; i++) {
            int k = key >>> (24 - 8 * ((offset + i) & 3));
            assertEquals((byte) (src.get(from + i) ^ k), dst.get(3 + i), kind + ", scratch "
                + size[0] + ", n " + n + ", key " + Integer.toHexString(key) + ", offset "
                + offset + ", byte " + i);
          }
        }
      }
    }
  }

  @Test
  void maskScratchSizeIsAPositiveMultipleOfFour() {
    assertThrows(IllegalArgumentException.class, () -> new MaskScratch(6));
    assertThrows(IllegalArgumentException.class, () -> new MaskScratch(0));
  }

  private static ByteBuffer source(String kind, byte[] bytes) {
    switch (kind) {
      case "array":
        return ByteBuffer.wrap(bytes);
      case "readOnly":
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
      case "sliceOfArray":
        return ByteBuffer.wrap(bytes, 2, bytes.length - 2).slice(); // arrayOffset 2
      default:
        ByteBuffer d = ByteBuffer.allocateDirect(bytes.length);
        return d.put(bytes).flip();
    }
  }
}
