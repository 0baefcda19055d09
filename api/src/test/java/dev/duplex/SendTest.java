package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.BufferLimitPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W3C section 4, send() and bufferedAmount. */
class SendTest {

  @Test
  void section4_send_whileConnectingThrowsInvalidStateError() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      InvalidStateError e = assertThrows(InvalidStateError.class, () -> o.ws.send("x"));
      assertEquals("InvalidStateError", e.name());
      assertThrows(InvalidStateError.class, () -> o.ws.send(new byte[1]));
      assertThrows(InvalidStateError.class, () -> o.ws.send(ByteBuffer.allocate(1)));
      assertThrows(InvalidStateError.class, () -> o.ws.send(Blob.of(new byte[1])));
      assertEquals(0, o.ws.bufferedAmount());
      assertTrue(o.conn.sent.isEmpty());
    }
  }

  @Test
  void section4_send_textIsSentAndBufferedAmountRisesByItsUtf8Length() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.send("h\u00e9\u20ac\ud83d\ude00");   // 1 + 2 + 3 + 4 bytes
      assertEquals(10, o.ws.bufferedAmount());
      assertEquals(List.of("h\u00e9\u20ac\ud83d\ude00"), o.conn.sent);
    }
  }

  @Test
  void section4_send_loneSurrogatesAreReplacedByU_FFFD() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.send("a\ud800b\udc00");
      assertEquals(List.of("a\ufffdb\ufffd"), o.conn.sent);
      assertEquals(8, o.ws.bufferedAmount());
    }
  }

  @Test
  void section4_bufferedAmount_fallsOnlyWhenTheLoopAppliesTransmitted() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.send("12345");
      o.ws.send(new byte[7]);
      assertEquals(12, o.ws.bufferedAmount());
      try (Harness.Hold hold = h.hold()) {
        o.conn.transmitted(5);
        assertEquals(12, o.ws.bufferedAmount(), "not applied before the loop runs a task");
      }
      h.idle();
      assertEquals(7, o.ws.bufferedAmount());
      o.conn.transmitted(7);
      h.idle();
      assertEquals(0, o.ws.bufferedAmount());
    }
  }

  @Test
  void section4_bufferedAmount_risesAfterClose() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.close();
      o.ws.send("abc");
      o.ws.send(new byte[4]);
      o.ws.send(Blob.of(new byte[5]));
      o.ws.send(ByteBuffer.allocate(6));
      assertEquals(18, o.ws.bufferedAmount());
      assertTrue(o.conn.sent.isEmpty(), "nothing is sent once CLOSING");
      o.conn.closed(1005, "", true);
      assertEquals("close:1005:true:", o.recorder.next());
      o.ws.send("de");
      assertEquals(20, o.ws.bufferedAmount());
      assertTrue(o.conn.sent.isEmpty());
    }
  }

  @Test
  void section4_send_byteArrayIsCopiedAtCallTime() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      byte[] data = {1, 2, 3};
      o.ws.send(data);
      data[0] = 9;
      assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) o.conn.sent.get(0));
    }
  }

  @Test
  void section4_send_byteBufferSendsPositionToLimitWithoutConsumingIt() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      ByteBuffer view = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4}, 1, 3);
      o.ws.send(view);
      assertEquals(1, view.position());
      assertEquals(4, view.limit());
      view.put(1, (byte) 9);
      assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) o.conn.sent.get(0));
      assertEquals(3, o.ws.bufferedAmount());
    }
  }

  @Test
  void section4_send_byteBufferOfEveryKindSendsItsBytesAsTheyWereAtTheCall() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      byte[] backing = {0, 1, 2, 3, 4, 5};
      ByteBuffer slice = ByteBuffer.wrap(backing, 1, 4).slice().position(1); // arrayOffset 1
      ByteBuffer readOnly = ByteBuffer.wrap(backing).asReadOnlyBuffer().position(2).limit(5);
      ByteBuffer direct = ByteBuffer.allocateDirect(6).put(backing).position(2).limit(5);
      o.ws.send(slice);
      o.ws.send(readOnly);
      o.ws.send(direct);
      backing[3] = 9;
      direct.put(3, (byte) 9);
      String[] kinds = {"a slice", "a read-only view", "a direct buffer"};
      for (int i = 0; i < 3; i++) {
        ByteBuffer handed = o.conn.sentBuffers.get(i).duplicate();
        byte[] now = new byte[handed.remaining()];
        handed.get(now);
        assertArrayEquals(new byte[] {2, 3, 4}, now, kinds[i] + ": the bytes at the call");
      }
      assertEquals(1, slice.position(), "not consumed");
      assertEquals(9, o.ws.bufferedAmount());
    }
  }

  @Test
  void section4_send_blobSendsItsBytes() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      Blob blob = Blob.of("hello".getBytes(StandardCharsets.UTF_8)).slice(1, 4);
      o.ws.send(blob);
      assertArrayEquals("ell".getBytes(StandardCharsets.UTF_8), (byte[]) o.conn.sent.get(0));
      assertEquals(3, o.ws.bufferedAmount());
    }
  }

  @Test
  void section4_send_pastTheBufferLimitClosesWithPrejudice() throws Exception {
    List<Throwable> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Harness h = new Harness(b -> b.bufferLimit(BufferLimitPolicy.of(10))
        .failureObserver((url, cause) -> observed.add(cause)))) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.send("123456");
      o.ws.send("1234");      // exactly the limit
      assertEquals(2, o.conn.sent.size());
      try (Harness.Hold hold = h.hold()) {
        o.ws.send("x");         // past it
        assertEquals(2, o.conn.sent.size(), "the overflowing message is not sent");
        assertTrue(o.conn.aborted(), "closed with prejudice: the TCP connection is dropped");
        assertEquals(11, o.ws.bufferedAmount());
        assertEquals(WebSocket.CLOSING, o.ws.readyState());
      }
      assertEquals("error", o.recorder.next());
      assertEquals("close:1006:false:", o.recorder.next());
      assertEquals(1, observed.size());
      assertTrue(observed.get(0).getMessage().contains("buffer limit of 10 bytes"),
          observed.get(0).getMessage());
    }
  }

  @Test
  void section4_send_transmittedBytesMakeRoomBelowTheBufferLimit() throws Exception {
    try (Harness h = new Harness(b -> b.bufferLimit(BufferLimitPolicy.of(10)))) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.send("1234567890");
      o.conn.transmitted(10);
      h.idle();
      o.ws.send("1234567890");
      assertEquals(2, o.conn.sent.size());
      assertTrue(!o.conn.aborted());
    }
  }

  @Test
  void section4_send_bufferLimitCountsOnlyBytesNotYetTransmittedEvenBeforeTheLoopAppliesThem()
      throws Exception {
    try (Harness h = new Harness(b -> b.bufferLimit(BufferLimitPolicy.of(10)))) {
      Harness.Opened o = h.openAndEstablish();
      try (Harness.Hold hold = h.hold()) {
        o.ws.send("1234567890");
        o.conn.transmitted(10);   // written; the held loop has not applied it yet
        o.ws.send("1234567890");
        assertEquals(2, o.conn.sent.size(), "the second message fits: the first one was written");
        assertTrue(!o.conn.aborted(), "a transport that keeps up is not closed with prejudice");
        assertEquals(20, o.ws.bufferedAmount(), "bufferedAmount falls only as the loop runs a task");
      }
      h.idle();
      assertEquals(10, o.ws.bufferedAmount());
    }
  }
}
