package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.fixture.Frame;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 section 8.1: text is UTF-8; valid text arrives intact however it is split, invalid
 * text fails the connection (1007 on the wire if a Close frame is sent), as soon as the bytes show
 * it. The invalid sequences are those of Autobahn section 6.
 *
 * <p>When one fails: check that validation runs incrementally over fragments and over reads, and
 * that the decoder reports malformed input instead of replacing it with U+FFFD.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455Utf8 extends ClauseGroup {

  /** Verifies multi-byte and supplementary characters arrive intact (Autobahn 6.2, 6.5). */
  @Test
  @Clause(value = "RFC 6455 8.1 (valid UTF-8) (Autobahn 6.2, 6.5)", summary = "valid multi-byte text arrives intact")
  default void required_rfc6455_8_1_deliversValidUtf8() {
    Opened o = openOnFixture();
    String text = "\u03ba\u1f79\u03c3\u03bc\u03b5 \u20ac \uD800\uDC00 \uDBFF\uDFFF \uFFFF";
    o.peer().send(Frame.text(text));
    assertEquals(text, o.client().events().awaitText());
  }

  /** Verifies a code point split between two fragments is reassembled (Autobahn 6.4). */
  @Test
  @Clause(value = "RFC 6455 8.1 (valid UTF-8, fragmented) (Autobahn 6.2.3-6.2.4)",
      summary = "a code point split across fragments arrives intact")
  default void required_rfc6455_8_1_deliversUtf8SplitAcrossFragments() {
    Opened o = openOnFixture();
    byte[] all = "a\uD83D\uDE00b\u20ac".getBytes(StandardCharsets.UTF_8);
    Frame[] frames = new Frame[all.length];
    for (int i = 0; i < all.length; i++) {
      frames[i] = Frame.of(i == 0 ? Frame.TEXT : Frame.CONTINUATION, new byte[] {all[i]}).fin(i == all.length - 1);
    }
    o.peer().send(frames);
    assertEquals("a\uD83D\uDE00b\u20ac", o.client().events().awaitText());
  }

  /**
   * Verifies a text frame written one byte at a time, each byte in a read of its own, arrives
   * intact: every multi-byte character is split between reads, so a transport must carry an
   * incomplete sequence over to the next read instead of decoding each read on its own.
   */
  @Test
  @Clause(value = "RFC 6455 8.1 (valid UTF-8, in pieces)",
      summary = "a frame that arrives byte by byte, in separate reads, arrives intact")
  default void required_rfc6455_8_1_deliversUtf8WrittenInPieces() {
    Opened o = openOnFixture();
    String text = "\u00e9\u00e8\uD83D\uDE00\u4e2d";
    o.peer().sendInPieces(Frame.text(text).encode(), 1);
    assertEquals(text, o.client().events().awaitText());
  }

  /**
   * Verifies each invalid UTF-8 sequence in a whole text frame fails the connection with 1007.
   *
   * @param hex the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "bytes {0}")
  @ValueSource(strings = {
      "cebae1bdb9cf83cebcceb5eda080656469746564", // surrogate (Autobahn 6.3.1)
      "c0af", // overlong '/' (Autobahn 6.8)
      "e080af", // overlong (Autobahn 6.8)
      "f4908080", // above U+10FFFF (Autobahn 6.6)
      "80", // lone continuation byte (Autobahn 6.9)
      "fe", // invalid byte (Autobahn 6.10)
      "ceba e1", // truncated sequence at the end (Autobahn 6.4)
  })
  @Clause(value = "RFC 6455 8.1 (invalid UTF-8) (Autobahn 6.3-6.10)", requires = Capability.STRICT_UTF8,
      summary = "invalid UTF-8 in a text message fails the connection (1007)")
  default void required_rfc6455_8_1_failsOnInvalidUtf8(String hex) {
    Opened o = openOnFixture();
    o.peer().send(Frame.text(HexFormat.of().parseHex(hex.replace(" ", ""))));
    Expect.failsWith(o.client(), o.peer(), 1007);
    assertTrue(o.client().events().history().stream().noneMatch(e -> e.kind() == TransportEvent.Kind.TEXT),
        "no text may be delivered: " + o.client().events().history());
  }

  /** Verifies invalid UTF-8 that only shows across fragments fails the connection. */
  @Test
  @Clause(value = "RFC 6455 8.1 (invalid UTF-8, fragmented) (Autobahn 6.4.2)", requires = Capability.STRICT_UTF8,
      summary = "invalid UTF-8 across fragments fails the connection (1007)")
  default void required_rfc6455_8_1_failsOnInvalidUtf8AcrossFragments() {
    Opened o = openOnFixture();
    o.peer().send(Frame.text(new byte[] {'o', 'k', (byte) 0xED}).fin(false),
        Frame.continuation(new byte[] {(byte) 0xA0, (byte) 0x80}));
    Expect.failsWith(o.client(), o.peer(), 1007);
  }

  /** Verifies invalid UTF-8 in one frame written in pieces fails the connection. */
  @Test
  @Clause(value = "RFC 6455 8.1 (invalid UTF-8, in pieces)", requires = Capability.STRICT_UTF8,
      summary = "invalid UTF-8 in one frame written in pieces fails the connection (1007)")
  default void required_rfc6455_8_1_failsOnInvalidUtf8WrittenInPieces() {
    Opened o = openOnFixture();
    // a client that fails fast closes before the last piece
    o.peer().sendInPiecesWhileOpen(Frame.text(HexFormat.of().parseHex("48656c6c6fedbfbf21")).encode(), 2);
    Expect.failsWith(o.client(), o.peer(), 1007);
  }

  /**
   * Verifies invalid UTF-8 fails the connection as soon as the bytes show it, before the message
   * is complete (Autobahn 6.4.1: the rest of the message never comes).
   */
  @Test
  @Clause(value = "RFC 6455 8.1 (fail fast) (Autobahn 6.4.1)", requires = Capability.STRICT_UTF8,
      summary = "invalid UTF-8 fails before the message is complete")
  default void required_rfc6455_8_1_failsFastOnInvalidUtf8() {
    Opened o = openOnFixture();
    o.peer().send(Frame.text(HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5f4908080")).fin(false));
    Expect.failsWith(o.client(), o.peer(), 1007);
  }

  /** Verifies invalid UTF-8 in a Close frame's reason fails the connection (Autobahn 7.5.1). */
  @Test
  @Clause(value = "RFC 6455 8.1 / 5.5.1 (close reason) (Autobahn 7.5.1)", requires = Capability.STRICT_UTF8,
      summary = "invalid UTF-8 in a close reason fails the connection")
  default void required_rfc6455_8_1_failsOnInvalidUtf8CloseReason() {
    Opened o = openOnFixture();
    o.peer().send(Frame.close(1000, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564")));
    o.client().events().awaitFailed();
  }
}
