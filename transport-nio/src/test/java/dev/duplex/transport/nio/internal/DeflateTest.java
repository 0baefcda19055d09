package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeflateTest {

  private static byte[] compress(MessageDeflater d, byte[] in) {
    ByteBuffer out = d.compress(ByteBuffer.wrap(in), 0, in.length);
    byte[] b = new byte[out.remaining()];
    out.get(b);
    return b;
  }

  @Test
  void rfc7692_7_2_3_1_compressesHelloAsTheRfcShows() {
    MessageDeflater d = new MessageDeflater(false, 15);
    assertEquals("f248cdc9c90700", Hex.of(compress(d, "Hello".getBytes(StandardCharsets.US_ASCII))));
  }

  /** Inflates with a real zlib window of {@code bits}, as a server limited to it would. */
  private static byte[] inflateWithWindow(List<byte[]> messages, int bits, boolean reset)
      throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Inflater inflater = new Inflater(true);
    byte[] buf = new byte[1 << 16];
    for (byte[] m : messages) {
      if (reset) {
        inflater.reset();
      }
      ByteArrayOutputStream withTail = new ByteArrayOutputStream();
      withTail.write(m);
      withTail.write(new byte[] {0, 0, (byte) 0xff, (byte) 0xff});
      inflater.setInput(withTail.toByteArray());
      int n;
      while ((n = inflater.inflate(buf)) > 0) {
        all.write(buf, 0, n);
      }
    }
    return all.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 9, 12, 15})
  void rfc7692_7_1_2_honoursClientMaxWindowBits(int bits) throws Exception {
    // A repetitive 100 KiB text: a full-window deflater would refer far back.
    byte[] text = new byte[100_000];
    Random r = new Random(1);
    byte[] phrase = new byte[3000];
    r.nextBytes(phrase);
    for (int i = 0; i < text.length; i++) {
      text[i] = phrase[i % phrase.length];
    }
    MessageDeflater d = new MessageDeflater(false, bits);
    byte[] c1 = compress(d, text);
    byte[] c2 = compress(d, text);
    assertMaxDistance(c1, 1 << bits);
    assertMaxDistance(c2, 1 << bits);
    byte[] both = inflateWithWindow(List.of(c1, c2), 15, false);
    assertEquals(2 * text.length, both.length);
    assertArrayEquals(text, java.util.Arrays.copyOf(both, text.length));
  }

  @Test
  void rfc7692_7_1_1_1_clientNoContextTakeoverMakesEachMessageStandAlone() throws Exception {
    MessageDeflater d = new MessageDeflater(true, 15);
    byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
    byte[] c1 = compress(d, hello);
    byte[] c2 = compress(d, hello);
    assertArrayEquals(c1, c2, "with no context takeover the second message repeats the first");
    assertArrayEquals(hello, inflateWithWindow(List.of(c2), 15, true));
  }

  @Test
  void rfc7692_7_2_3_6_emptyMessageRoundTrips() throws Exception {
    MessageDeflater d = new MessageDeflater(false, 15);
    assertEquals(0, inflateWithWindow(List.of(compress(d, new byte[0])), 15, false).length);
  }

  @Test
  void rfc7692_7_1_rejectsUnknownRepeatedOrInvalidParameters() {
    assertThrows(WebSocketFailure.class, () -> PerMessageDeflate.accept(List.of("foo")));
    assertThrows(WebSocketFailure.class, () -> PerMessageDeflate.accept(
        List.of("client_no_context_takeover", "client_no_context_takeover")));
    assertThrows(WebSocketFailure.class, () -> PerMessageDeflate.accept(
        List.of("client_max_window_bits=7")));
    assertThrows(WebSocketFailure.class, () -> PerMessageDeflate.accept(
        List.of("server_max_window_bits=16")));
    assertThrows(WebSocketFailure.class, () -> PerMessageDeflate.accept(
        List.of("server_no_context_takeover=1")));
  }

  @Test
  void rfc7692_7_1_acceptsTheServersParameters() throws Exception {
    assertEquals(new PerMessageDeflate(true, true, 10), PerMessageDeflate.accept(List.of(
        " server_no_context_takeover", "client_no_context_takeover ",
        "client_max_window_bits=\"10\"", "server_max_window_bits=12")));
  }

  /**
   * Walks the DEFLATE stream and checks that no back-reference reaches further than
   * {@code window} bytes: what a server's inflater with a smaller window needs.
   */
  private static void assertMaxDistance(byte[] compressed, int window) {
    byte[] withTail = java.util.Arrays.copyOf(compressed, compressed.length + 4);
    withTail[withTail.length - 2] = (byte) 0xff;
    withTail[withTail.length - 1] = (byte) 0xff;
    int max = dev.duplex.transport.nio.fixtures.DeflateDistances.maxDistance(withTail);
    org.junit.jupiter.api.Assertions.assertTrue(max <= window,
        "a back-reference reaches " + max + " bytes back, beyond the window of " + window);
  }
}
