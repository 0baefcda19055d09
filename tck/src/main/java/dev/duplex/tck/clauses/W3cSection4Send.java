package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.Blob;
import dev.duplex.InvalidStateError;
import dev.duplex.WebSocket;
import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.tck.Clause;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.client.Patterns;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * W3C section 4, {@code send()} and {@code bufferedAmount}: the error while CONNECTING, each data
 * type on the wire, exact byte counts (UTF-8 of text, surrogate pairs, lone surrogates as U+FFFD),
 * the return to 0 once transmitted, growth after close, and "close with prejudice" when the
 * buffer limit is exceeded against a server that never reads.
 *
 * <p>bufferedAmount depends on the transport's {@code transmitted} reports: when the return to 0
 * fails, check those.
 *
 * <p>Threading: JUnit's test thread; sends run as tasks on the context's loop where the value of
 * bufferedAmount within one task matters.
 */
public interface W3cSection4Send extends ClauseGroup {

  /** Verifies send() while CONNECTING throws InvalidStateError. */
  @Test
  @Clause(value = "W3C 4 send() (CONNECTING)", summary = "send while connecting throws InvalidStateError")
  default void required_w3c4_send_throwsInvalidStateErrorWhileConnecting() {
    ApiSocket s = kit().open(kit().fixture().uri("/").toString());
    assertThrows(InvalidStateError.class, () -> s.socket().send("early"));
    assertThrows(InvalidStateError.class, () -> s.socket().send(new byte[1]));
  }

  /** Verifies each data type goes out as the right opcode with exactly its bytes. */
  @Test
  @Clause(value = "W3C 4 send() (each type)", summary = "String, Blob, byte[] and ByteBuffer view are sent exactly")
  default void required_w3c4_send_sendsEachType() {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    ByteBuffer view = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5}).position(2).limit(5);
    ws.send("text \u00e9");
    ws.send(Blob.of(new byte[] {7, 8}));
    ws.send(new byte[] {9});
    ws.send(view);
    assertEquals(2, view.position(), "send(ByteBuffer) must not consume the view");
    FixturePeer p = o.peer();
    ReceivedFrame text = p.readFrame();
    assertEquals(Frame.TEXT, text.opcode());
    assertEquals("text \u00e9", text.text());
    assertArrayEquals(new byte[] {7, 8}, binary(p.readFrame()), "Blob");
    assertArrayEquals(new byte[] {9}, binary(p.readFrame()), "byte[]");
    assertArrayEquals(new byte[] {2, 3, 4}, binary(p.readFrame()), "ByteBuffer view");
  }

  /**
   * Verifies send() takes the data at the time of the call: bytes the application overwrites as
   * soon as {@code send} returns go out as they were, sent from the application's thread and from
   * a message handler (where a transport may write them at once), to a peer that reads nothing
   * until after the send, with more bytes than loopback buffers hold (so the socket fills during
   * the send).
   */
  @Test
  @Clause(value = "W3C 4 send() (the data at the call)", summary = "bytes changed once send returns go out as they were at the call")
  default void required_w3c4_send_takesTheDataAtTheTimeOfTheCall() {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    int size = 12 << 20;
    o.socket().onLoop(() -> {
      ws.addEventListener("message", e -> {
        byte[] lent = Patterns.of(size, 3);
        ws.send(lent);
        Arrays.fill(lent, (byte) 0x55);
      });
      return null;
    });
    FixturePeer p = o.peer();
    p.send(Frame.text("go"));
    o.socket().awaitMessage();
    assertArrayEquals(Patterns.of(size, 3), binary(p.readFrame()), "sent by a message handler");
    byte[] lent = Patterns.of(size, 5);
    ws.send(ByteBuffer.wrap(lent).asReadOnlyBuffer());
    Arrays.fill(lent, (byte) 0x55);
    assertArrayEquals(Patterns.of(size, 5), binary(p.readFrame()), "sent by the application");
  }

  private static byte[] binary(ReceivedFrame f) {
    assertEquals(Frame.BINARY, f.opcode(), "opcode of " + f);
    return f.payload();
  }

  /**
   * Verifies bufferedAmount counts UTF-8 bytes exactly within a task and returns to 0.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Test
  @Clause(value = "W3C 4 bufferedAmount", summary = "bufferedAmount counts exact bytes and returns to 0")
  default void required_w3c4_bufferedAmount_countsExactBytesAndReturnsToZero() throws InterruptedException {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    List<Long> seen = o.socket().onLoop(() -> {
      long start = ws.bufferedAmount();
      ws.send("abc");
      long ascii = ws.bufferedAmount() - start;
      ws.send("\u00e9\u20ac");
      long multi = ws.bufferedAmount() - start - ascii;
      ws.send("\uD83D\uDE00");
      long pair = ws.bufferedAmount() - start - ascii - multi;
      ws.send("\uD800");
      long lone = ws.bufferedAmount() - start - ascii - multi - pair;
      ws.send(Blob.of(new byte[10]));
      ws.send(new byte[7]);
      ws.send(ByteBuffer.wrap(new byte[9], 2, 5));
      return List.of(ascii, multi, pair, lone, ws.bufferedAmount() - start);
    });
    assertEquals(List.of(3L, 5L, 4L, 3L, 15L + 22L), seen, "bytes added by ASCII, 2+3-byte, surrogate pair, lone surrogate; total");
    for (int i = 0; i < 7; i++) {
      o.peer().readFrame();
    }
    long deadline = System.nanoTime() + Timeouts.WAIT.toNanos();
    while (o.socket().onLoop(ws::bufferedAmount) != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, ws.bufferedAmount(), "bufferedAmount once everything was transmitted");
  }

  /** Verifies send() after close() does not throw, sends nothing and still grows bufferedAmount. */
  @Test
  @Clause(value = "W3C 4 send() (closing: increase bufferedAmount)", summary = "send after close grows bufferedAmount, sends nothing")
  default void required_w3c4_send_afterCloseOnlyIncreasesBufferedAmount() {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    long grew = o.socket().onLoop(() -> {
      ws.close(1000, "");
      long before = ws.bufferedAmount();
      ws.send("abcd");
      ws.send(new byte[6]);
      return ws.bufferedAmount() - before;
    });
    assertEquals(10, grew, "bufferedAmount growth after close");
    o.peer().readFrame(Frame.CLOSE);
    o.peer().send(Frame.close(1000, ""));
    o.peer().close();
    o.socket().awaitClose();
    assertEquals(List.of(Frame.CLOSE), o.peer().received().stream().map(ReceivedFrame::opcode).toList(),
        "frames sent after close()");
    assertEquals(10, ws.bufferedAmount(), "bufferedAmount does not reset once closed");
  }

  /** Verifies that exceeding the buffer limit against a server that never reads closes with prejudice. */
  @Test
  @Clause(value = "W3C 4 send() (buffer full: close with prejudice)",
      summary = "a full buffer closes the connection with prejudice (error, 1006)")
  default void required_w3c4_send_closesWithPrejudiceWhenBufferIsFull() {
    var ctx = kit().context(b -> b.bufferLimit(BufferLimitPolicy.of(256 * 1024)));
    ApiSocket s = kit().open(ctx, kit().fixture().uri("/").toString());
    kit().fixture().acceptOpen();
    s.awaitOpen();
    byte[] chunk = new byte[64 * 1024];
    s.onLoop(() -> {
      for (int i = 0; i < 256 && s.socket().readyState() == WebSocket.OPEN; i++) {
        s.socket().send(chunk);
      }
      return null;
    });
    s.awaitErrorThenClose1006();
  }

  /** Verifies binaryType defaults to blob and can be switched. */
  @Test
  @Clause(value = "W3C 4 binaryType", summary = "binaryType starts as blob and keeps the last value set")
  default void required_w3c4_binaryType_defaultsToBlobAndSwitches() {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    assertEquals(dev.duplex.BinaryType.BLOB, ws.binaryType());
    ws.binaryType(dev.duplex.BinaryType.ARRAYBUFFER);
    assertEquals(dev.duplex.BinaryType.ARRAYBUFFER, ws.binaryType());
    assertEquals("arraybuffer", ws.binaryType().value());
  }
}
