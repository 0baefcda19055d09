package dev.duplex.bench.server;

import static dev.duplex.bench.server.Frames.BINARY;
import static dev.duplex.bench.server.Frames.CLOSE;
import static dev.duplex.bench.server.Frames.FIN;
import static dev.duplex.bench.server.Frames.PING;
import static dev.duplex.bench.server.Frames.PONG;
import static dev.duplex.bench.server.Frames.TEXT;
import static dev.duplex.bench.server.Frames.client;
import static dev.duplex.bench.server.Frames.concat;
import static dev.duplex.bench.server.Frames.payload;
import static dev.duplex.bench.server.Frames.server;
import static dev.duplex.bench.server.Frames.serverClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cut-through echo on an in-memory channel, fed exactly the pieces each test chooses: every
 * length encoding, headers split at every byte, fragments, control frames, errors, and a frame
 * that never ends (nothing of it may be held).
 */
class CutThroughEchoTest {
  private final AtomicInteger open = new AtomicInteger();
  private final EmbeddedChannel channel = new EmbeddedChannel(new CutThroughEcho(open));
  private final List<ByteBuf> fed = new ArrayList<>();

  /**
   * Feeds the bytes in pieces of the given sizes, cycling, until the channel closes; returns
   * everything echoed.
   */
  private byte[] feed(byte[] bytes, int... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    for (int i = 0; at < bytes.length && channel.isOpen(); i++) {
      int n = Math.min(bytes.length - at, pieces.length == 0 ? bytes.length : pieces[i % pieces.length]);
      ByteBuf piece = Unpooled.buffer(n).writeBytes(bytes, at, n);
      fed.add(piece);
      channel.writeInbound(piece);
      at += n;
      out.writeBytes(drain());
    }
    return out.toByteArray();
  }

  /** @return the bytes written to the channel since the last call, releasing them */
  private byte[] drain() {
    if (channel.isOpen()) {
      channel.flushOutbound();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
      byte[] a = new byte[b.readableBytes()];
      b.readBytes(a);
      b.release();
      out.writeBytes(a);
    }
    return out.toByteArray();
  }

  private void assertNothingHeld() {
    for (ByteBuf b : fed) {
      assertEquals(0, b.refCnt(), "a buffer the echo read is still referenced");
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void everyLengthEncodingIsEchoedUnmaskedWhicheverPiecesItArrivesIn() {
    for (int size : new int[] {0, 1, 125, 126, 65535, 65536, (1 << 20) + 3}) {
      for (int opcode : new int[] {BINARY, Frames.TEXT}) {
        byte[] p = payload(size);
        byte[] expected = server(FIN | opcode, p);
        assertArrayEquals(expected, feed(client(FIN | opcode, p), 1, 2, 3, 5, 8, 13, 1000, 65536),
            size + " bytes, opcode " + opcode + ", in small pieces");
        assertArrayEquals(expected, feed(client(FIN | opcode, p)), size + " bytes in one piece");
      }
    }
    assertTrue(channel.isOpen());
    assertNothingHeld();
  }

  @Test
  void aHeaderSplitAtAnyByteIsEchoedTheSame() {
    for (int size : new int[] {5, 300, 70_000}) {
      byte[] frame = client(FIN | BINARY, payload(size));
      byte[] expected = server(FIN | BINARY, payload(size));
      int headerLength = size < 126 ? 6 : size < 65536 ? 8 : 14;
      for (int split = 1; split <= headerLength; split++) {
        byte[] got = concat(feed(Arrays.copyOf(frame, split)),
            feed(Arrays.copyOfRange(frame, split, frame.length)));
        assertArrayEquals(expected, got, size + " bytes split after " + split);
      }
      assertArrayEquals(expected, feed(frame, 1), size + " bytes one at a time");
    }
    assertNothingHeld();
  }

  @Test
  void framesArrivingTogetherLeaveInOrderEachWithItsOwnHeaderAndPayload() {
    byte[] in = concat(client(FIN | BINARY, payload(3)), client(FIN | BINARY, payload(0)),
        client(FIN | PING, payload(4)), client(FIN | BINARY, payload(200)));
    assertEquals(hex(concat(server(FIN | BINARY, payload(3)), server(FIN | BINARY, payload(0)),
        server(FIN | PONG, payload(4)), server(FIN | BINARY, payload(200)))), hex(feed(in)));
    assertNothingHeld();
  }

  @Test
  void aFragmentedTextMessageIsEchoedFrameByFrameWithAPingAnsweredBetween() {
    byte[] text = "price: 5 \u20ac".getBytes(StandardCharsets.UTF_8);
    // The euro sign's three bytes are split over the two last fragments.
    byte[] a = Arrays.copyOfRange(text, 0, 6);
    byte[] b = Arrays.copyOfRange(text, 6, text.length - 2);
    byte[] c = Arrays.copyOfRange(text, text.length - 2, text.length);
    byte[] in = concat(client(TEXT, a), client(FIN | PING, payload(2)), client(0, b),
        client(FIN, c), client(FIN | Frames.PONG, payload(1)));
    assertEquals(hex(concat(server(TEXT, a), server(FIN | PONG, payload(2)), server(0, b),
        server(FIN, c))), hex(feed(in, 3)), "a pong from the client is dropped");
    assertTrue(channel.isOpen());
  }

  @Test
  void aCloseIsAnsweredWithItsCodeAndThenTheConnectionClosesAndCountsDown() {
    assertEquals(1, open.get());
    byte[] got = feed(concat(client(FIN | BINARY, payload(10)),
        client(FIN | CLOSE, Frames.closeBody(1000, "bye")), client(FIN | BINARY, payload(10))));
    assertEquals(hex(concat(server(FIN | BINARY, payload(10)), serverClose(1000))), hex(got),
        "the frame after the Close is not echoed");
    assertFalse(channel.isOpen());
    assertEquals(0, open.get());
    assertNothingHeld();
  }

  @Test
  void anEmptyCloseIsAnsweredWithAnEmptyClose() {
    assertEquals(hex(server(FIN | CLOSE, new byte[0])), hex(feed(client(FIN | CLOSE, new byte[0]))));
    assertFalse(channel.isOpen());
  }

  private static void assertFailsWith(int code, String why, byte[]... frames) {
    CutThroughEchoTest fresh = new CutThroughEchoTest();
    byte[] got = fresh.feed(concat(frames));
    List<Frames.Frame> out = Frames.parseServer(got);
    assertFalse(out.isEmpty(), why + ": nothing sent");
    Frames.Frame last = out.get(out.size() - 1);
    assertEquals(CLOSE, last.opcode(), why + ": " + hex(got));
    assertEquals(code, last.code(), why + ": " + hex(got));
    assertFalse(fresh.channel.isOpen(), why + ": still open");
    fresh.assertNothingHeld();
  }

  @Test
  void protocolErrorsAreAnsweredWithClose1002AndTheConnectionCloses() {
    byte[] ok = client(FIN | BINARY, payload(4));
    assertFailsWith(1002, "RSV1 without an extension", client(FIN | 0x40 | BINARY, payload(4)));
    assertFailsWith(1002, "reserved data opcode 3", client(FIN | 0x3, payload(4)));
    assertFailsWith(1002, "reserved control opcode 0xB", client(FIN | 0xB, payload(4)));
    byte[] unmasked = server(FIN | BINARY, payload(4));
    assertFailsWith(1002, "an unmasked frame", ok, unmasked);
    assertFailsWith(1002, "a fragmented ping", client(PING, payload(4)));
    assertFailsWith(1002, "a 126-byte ping", client(FIN | PING, payload(126)));
    assertFailsWith(1002, "a continuation without a message", client(FIN, payload(4)));
    assertFailsWith(1002, "a new message inside a fragmented one", client(BINARY, payload(4)),
        client(FIN | TEXT, payload(4)));
    byte[] longForm16 = client(FIN | BINARY, 300, payload(300), Frames.KEY);
    longForm16[1] = (byte) (0x80 | 126);
    longForm16[2] = 0;
    longForm16[3] = 100;
    assertFailsWith(1002, "a 16-bit length below 126", longForm16);
    byte[] longForm64 = client(FIN | BINARY, 1L << 20, new byte[0], Frames.KEY);
    Arrays.fill(longForm64, 2, 10, (byte) 0);
    longForm64[9] = 100;
    assertFailsWith(1002, "a 64-bit length below 65536", longForm64);
    assertFailsWith(1002, "a 64-bit length with the top bit set",
        client(FIN | BINARY, Long.MIN_VALUE + 5, new byte[0], Frames.KEY));
    assertFailsWith(1002, "a one-byte Close", client(FIN | CLOSE, new byte[] {3}));
    for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2999, 5000}) {
      assertFailsWith(1002, "close code " + code, client(FIN | CLOSE, Frames.closeBody(code, "")));
    }
  }

  @Test
  void textThatIsNotUtf8FailsTheConnection() {
    // Ends inside a sequence: the frame is echoed, then the Close 1007.
    assertFailsWith(1007, "a message ending inside a sequence",
        client(FIN | TEXT, new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
    assertFailsWith(1007, "a Close reason that is not UTF-8",
        client(FIN | CLOSE, new byte[] {3, (byte) 0xE8, (byte) 0xC0, (byte) 0xAF}));
    // A bad byte inside a frame whose header has gone out: the connection closes, nothing more.
    byte[] got = feed(client(FIN | TEXT, 100, new byte[] {'o', 'k', (byte) 0xED, (byte) 0xA0},
        Frames.KEY), 2, 2, 2, 2);
    assertEquals(hex(new byte[] {(byte) (FIN | TEXT), 100, 'o', 'k'}), hex(got),
        "a surrogate (ED A0) is not forwarded");
    assertFalse(channel.isOpen());
    assertNothingHeld();
  }

  @Test
  void aFrameLongerThanEverArrivesIsForwardedAsItComesAndNothingOfItIsHeld() {
    long huge = 1L << 40;
    byte[] header = client(FIN | BINARY, huge, new byte[0], Frames.KEY);
    byte[] echoedHeader = feed(header, 3);
    assertEquals("827f0000010000000000", hex(echoedHeader));
    long echoed = 0;
    byte[] chunk = new byte[65536];
    for (int i = 0; i < 256; i++) {
      echoed += feed(chunk).length;
      assertNothingHeld();
    }
    assertEquals(256L * 65536, echoed, "every byte forwarded as it came");
    assertTrue(channel.isOpen(), "the connection waits for the rest");
  }

  @Test
  void unmaskingAnyRunAtAnyKeyOffsetMatchesTheBytewiseRule() {
    for (int length = 0; length < 40; length++) {
      for (int offset = 0; offset < 4; offset++) {
        byte[] data = payload(length + 3);
        ByteBuf buf = Unpooled.directBuffer(data.length).writeBytes(data);
        int key = Integer.rotateLeft(Frames.KEY, 8 * offset);
        int after = CutThroughEcho.unmask(buf, 3, length, key);
        for (int i = 0; i < data.length; i++) {
          int expected = i < 3 ? data[i] : data[i] ^ key >>> (24 - 8 * ((i - 3) % 4));
          assertEquals((byte) expected, buf.getByte(i), "length " + length + " offset " + offset
              + " byte " + i);
        }
        assertEquals(Integer.rotateLeft(key, 8 * (length % 4)), after);
        buf.release();
      }
    }
  }
}
