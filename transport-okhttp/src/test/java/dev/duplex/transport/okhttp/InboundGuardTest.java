package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.tck.fixture.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** In-memory checks of the guard's parsing over every split of the stream, on top of the socket tests. */
class InboundGuardTest {
  private static final byte[] RESPONSE =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private static byte[] stream(Frame... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(RESPONSE);
    for (Frame f : frames) {
      out.writeBytes(f.encode());
    }
    return out.toByteArray();
  }

  /** Feeds {@code bytes} in pieces of {@code piece}; returns how many passed before a violation. */
  private static int feed(InboundGuard guard, byte[] bytes, int piece) {
    int passed = 0;
    for (int off = 0; off < bytes.length; off += piece) {
      int n = Math.min(piece, bytes.length - off);
      byte[] chunk = java.util.Arrays.copyOfRange(bytes, off, off + n);
      int ok = guard.inspect(chunk, 0, n);
      passed += ok;
      if (ok < n || guard.violation() != null) {
        return passed;
      }
    }
    return passed;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1000})
  void validTrafficPassesWholeInAnyPieces(int piece) {
    byte[] all = stream(
        Frame.text("h\u00e9llo \uD83D\uDE00"),
        Frame.text("frag\u00e9".getBytes(StandardCharsets.UTF_8)).fin(false),
        Frame.ping(new byte[] {1}),
        Frame.continuation("\u20acend".getBytes(StandardCharsets.UTF_8)),
        Frame.binary(new byte[70_000]),
        Frame.close(1000, "bye \u00e9"));
    InboundGuard guard = new InboundGuard(1 << 20);
    assertEquals(all.length, feed(guard, all, piece));
    assertNull(guard.violation());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 1000})
  void invalidUtf8StopsBeforeTheMessageCompletes(int piece) {
    byte[] all = stream(Frame.text("ok"), Frame.text(HexFormat.of().parseHex("6f6bc0af")));
    InboundGuard guard = new InboundGuard(1 << 20);
    int passed = feed(guard, all, piece);
    assertNotNull(guard.violation());
    // The earlier message passes whole; the bad one never completes (its bytes stop at the first
    // byte the decoder can tell is wrong, or at the end of the piece that showed it).
    assertTrue(passed >= all.length - 2 && passed < all.length, "passed " + passed + " of " + all.length);
  }

  @Test
  void truncatedSequenceAtTheEndOfAMessageFails() {
    byte[] all = stream(Frame.text(HexFormat.of().parseHex("ceba e1".replace(" ", ""))));
    InboundGuard guard = new InboundGuard(1 << 20);
    assertEquals(all.length - 1, feed(guard, all, 1000));
    assertTrue(guard.violation().getMessage().contains("UTF-8"));
  }

  @Test
  void invalidCloseReasonFails() {
    byte[] all = stream(Frame.close(1000, new byte[] {(byte) 0xff}));
    InboundGuard guard = new InboundGuard(1 << 20);
    feed(guard, all, 1000);
    assertTrue(guard.violation().getMessage().contains("Close"));
  }

  @Test
  void sizeCountsFragmentsTogether() {
    byte[] all = stream(Frame.binary(new byte[600]).fin(false), Frame.continuation(new byte[600]));
    InboundGuard guard = new InboundGuard(1000);
    feed(guard, all, 4096);
    assertTrue(guard.violation().getMessage().contains("1000 bytes"));
  }

  @Test
  void nonUpgradeResponsesAndRejectedFramesAreLeftToOkHttp() {
    byte[] notUpgraded = "HTTP/1.1 200 OK\r\n\r\n\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    InboundGuard g1 = new InboundGuard(10);
    assertEquals(notUpgraded.length, feed(g1, notUpgraded, 1000));
    assertNull(g1.violation());
    // A masked server frame: OkHttp fails on it; the guard stops following the stream.
    byte[] masked = stream(Frame.text(new byte[] {(byte) 0xff}).masked(new byte[] {1, 2, 3, 4}));
    InboundGuard g2 = new InboundGuard(10);
    assertEquals(masked.length, feed(g2, masked, 1000));
    assertNull(g2.violation());
  }
}
