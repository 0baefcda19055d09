package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.CloseCodes;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames in as hex, through {@link FrameReader} and {@link MessageDecoder}, events out. */
class MessageDecoderTest {
  private static final long MAX = 1 << 20;

  /** Parses {@code hex} delivered in chunks of {@code chunk} bytes (0: all at once). */
  private static List<String> decode(String hex, int chunk, long max, boolean deflate)
      throws WebSocketFailure {
    RecordingSink sink = new RecordingSink();
    MessageDecoder decoder = new MessageDecoder(sink, max,
        deflate ? new MessageInflater(false) : null);
    FrameReader reader = new FrameReader(decoder);
    byte[] bytes = Hex.bytes(hex);
    int step = chunk == 0 ? Math.max(1, bytes.length) : chunk;
    for (int i = 0; i < bytes.length; i += step) {
      ByteBuffer piece = ByteBuffer.allocateDirect(Math.min(step, bytes.length - i));
      piece.put(bytes, i, piece.capacity()).flip();
      reader.parse(piece);
      assertEquals(0, piece.remaining(), "the reader consumes everything it is given");
    }
    return sink.events;
  }

  private static List<String> decode(String hex) throws WebSocketFailure {
    List<String> whole = decode(hex, 0, MAX, false);
    // The push parser must give the same result however the bytes arrive.
    assertEquals(whole, decode(hex, 1, MAX, false));
    assertEquals(whole, decode(hex, 3, MAX, false));
    return whole;
  }

  private static WebSocketFailure failure(String hex) {
    return assertThrows(WebSocketFailure.class, () -> decode(hex, 1, MAX, false));
  }

  @Test
  void rfc6455_5_7_singleFrameUnmaskedText() throws Exception {
    assertEquals(List.of("text:Hello"), decode("81 05 48 65 6c 6c 6f"));
  }

  @Test
  void rfc6455_5_7_singleFrameMaskedTextIsUnmaskedByTheReader() throws Exception {
    // The reader unmasks; the decoder then rejects masked server frames (next test).
    RecordingSink sink = new RecordingSink();
    StringBuilder seen = new StringBuilder();
    FrameReader reader = new FrameReader(new FrameReader.Handler() {
      @Override
      public void frameStart(int b0, boolean masked, long length) {
        seen.append(Integer.toHexString(b0)).append(masked ? " masked " : " ").append(length);
      }

      @Override
      public void framePayload(ByteBuffer payload) {
        while (payload.hasRemaining()) {
          seen.append((char) payload.get());
        }
      }

      @Override
      public void frameEnd() {
        seen.append(" end");
      }
    });
    byte[] frame = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58");
    for (byte b : frame) {
      reader.parse(ByteBuffer.wrap(new byte[] {b}));
    }
    assertEquals("81 masked 5Hello end", seen.toString());
    assertTrue(sink.events.isEmpty());
  }

  @Test
  void rfc6455_5_1_failsOnMaskedServerFrame() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, failure("81 85 37 fa 21 3d 7f 9f 4d 51 58").closeCode());
  }

  @Test
  void rfc6455_5_7_fragmentedUnmaskedText() throws Exception {
    assertEquals(List.of("text:Hello"), decode("01 03 48 65 6c 80 02 6c 6f"));
  }

  @Test
  void rfc6455_5_7_unmaskedPingAndPong() throws Exception {
    assertEquals(List.of("ping:48656c6c6f", "pong:48656c6c6f"),
        decode("89 05 48 65 6c 6c 6f 8a 05 48 65 6c 6c 6f"));
  }

  @Test
  void rfc6455_5_4_controlFramesInterleavedWithFragments() throws Exception {
    assertEquals(List.of("ping:", "text:Hello"), decode("01 03 48 65 6c 89 00 80 02 6c 6f"));
  }

  @Test
  void rfc6455_5_7_binary256BytesWith16BitLength() throws Exception {
    assertEquals(List.of("binary:256 bytes"), decode("82 7e 01 00" + "00".repeat(256)));
  }

  @Test
  void rfc6455_5_7_binary64KiBWith64BitLength() throws Exception {
    assertEquals(List.of("binary:65536 bytes"),
        decode("82 7f 00 00 00 00 00 01 00 00" + "ab".repeat(65536), 0, MAX, false));
  }

  @Test
  void rfc6455_5_2_lengthOf2To63AllocatesNothingAndFailsWith1009() {
    WebSocketFailure f = assertThrows(WebSocketFailure.class,
        () -> decode("82 7f 7f ff ff ff ff ff ff ff", 0, MAX, false));
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, f.closeCode());
  }

  @Test
  void rfc6455_5_2_lengthWithTheMostSignificantBitSetFails() {
    assertEquals(CloseCodes.PROTOCOL_ERROR, failure("82 7f 80 00 00 00 00 00 00 00").closeCode());
  }

  @Test
  void rfc6455_7_4_1_messageOverTheLimitAcrossFragmentsFailsWith1009() {
    WebSocketFailure f = assertThrows(WebSocketFailure.class,
        () -> decode("02 03 01 02 03 80 03 04 05 06", 1, 5, false));
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, f.closeCode());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "c1 00, RSV1 without an extension (Autobahn 3.2)",
      "a1 00, RSV2 (Autobahn 3.3)",
      "91 00, RSV3 (Autobahn 3.1)",
      "83 00, reserved data opcode 3 (Autobahn 4.1.1)",
      "87 00, reserved data opcode 7 (Autobahn 4.1.5)",
      "8b 00, reserved control opcode B (Autobahn 4.2.1)",
      "8f 00, reserved control opcode F (Autobahn 4.2.5)",
      "09 00, fragmented ping (Autobahn 5.1)",
      "0a 00, fragmented pong (Autobahn 5.2)",
      "89 7e 00 7e, ping over 125 bytes (Autobahn 2.5)",
      "80 00, continuation with no message (Autobahn 5.9)",
      "01 01 41 81 01 42, text inside an unfinished text (Autobahn 5.18)",
      "88 01 03, close body of one byte (Autobahn 7.3.2)",
      "88 02 03 ed, close code 1005 (Autobahn 7.9.3)",
      "88 02 03 ee, close code 1006 (Autobahn 7.9.4)",
      "88 02 03 e7, close code 999 (Autobahn 7.9.1)",
      "88 02 03 ec, close code 1004 (Autobahn 7.9.2)",
      "88 02 03 f7, close code 1015 (Autobahn 7.9.5)",
      "88 02 13 88, close code 5000",
      "88 02 0b b7, close code 2999",
  })
  void rfc6455_5_2_protocolViolationsFailWith1002(String hex, String what) {
    assertEquals(CloseCodes.PROTOCOL_ERROR, failure(hex).closeCode(), what);
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
      3000, 4999})
  void rfc6455_7_4_acceptsEveryCodeAServerMaySend(int code) throws Exception {
    String hex = String.format("88 02 %02x %02x", code >> 8, code & 0xff);
    assertEquals(List.of("close:" + code + ":"), decode(hex));
  }

  @Test
  void rfc6455_5_5_1_emptyCloseMeans1005() throws Exception {
    assertEquals(List.of("close:1005:"), decode("88 00"));
  }

  @Test
  void rfc6455_5_5_1_closeWithReason() throws Exception {
    assertEquals(List.of("close:1000:bye"), decode("88 05 03 e8 62 79 65"));
  }

  @Test
  void rfc6455_8_1_invalidUtf8InCloseReasonFailsWith1007() {
    assertEquals(CloseCodes.INVALID_PAYLOAD, failure("88 04 03 e8 c0 af").closeCode());
  }

  @Test
  void rfc6455_8_1_invalidUtf8FailsInsideTheFirstFragmentBeforeTheMessageEnds() {
    // The message never ends, yet the surrogate in the first fragment is already certain.
    assertEquals(CloseCodes.INVALID_PAYLOAD, failure("01 04 41 ed a0 80").closeCode());
  }

  @Test
  void rfc6455_8_1_truncatedUtf8AtTheEndOfTheMessageFailsWith1007() {
    assertEquals(CloseCodes.INVALID_PAYLOAD, failure("01 02 41 e2 80 01 82").closeCode());
  }

  @Test
  void rfc6455_8_1_utf8SplitAcrossFragmentsIsValid() throws Exception {
    assertEquals(List.of("text:€"), decode("01 01 e2 00 01 82 80 01 ac"));
  }

  @Test
  void rfc7692_7_2_3_1_decompressesTheRfcHelloExample() throws Exception {
    assertEquals(List.of("text:Hello"), decode("c1 07 f2 48 cd c9 c9 07 00", 1, MAX, true));
  }

  @Test
  void rfc7692_7_2_3_1_decompressesFragmentedHello() throws Exception {
    assertEquals(List.of("text:Hello"), decode("41 03 f2 48 cd 80 04 c9 c9 07 00", 1, MAX, true));
  }

  @Test
  void rfc7692_7_2_3_2_sharedSlidingWindowAcrossMessages() throws Exception {
    assertEquals(List.of("text:Hello", "text:Hello"),
        decode("c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00", 1, MAX, true));
  }

  @Test
  void rfc7692_7_2_3_3_noCompressionBlock() throws Exception {
    assertEquals(List.of("text:Hello"),
        decode("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00", 2, MAX, true));
  }

  @Test
  void rfc7692_6_1_rsv1OnAContinuationFails() {
    assertThrows(WebSocketFailure.class,
        () -> decode("41 03 f2 48 cd c0 04 c9 c9 07 00", 0, MAX, true));
  }

  @Test
  void rfc7692_decompressionBombFailsWith1009AtTheLimit() {
    MessageDeflater deflater = new MessageDeflater(false, 15);
    ByteBuffer zeros = deflater.compress(ByteBuffer.allocate(1 << 20), 0, 1 << 20);
    byte[] payload = new byte[zeros.remaining()];
    zeros.get(payload);
    String hex = "c2 7e " + String.format("%04x", payload.length) + Hex.of(payload);
    WebSocketFailure f = assertThrows(WebSocketFailure.class,
        () -> decode(hex, 0, 64 * 1024, true));
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, f.closeCode());
  }
}
