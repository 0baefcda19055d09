package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final BufferPool pool = new BufferPool();
  private final MaskKeys keys = new MaskKeys(new SecureRandom());
  private final List<String> written = new ArrayList<>();
  private final OutboundQueue.Gate all = new OutboundQueue.Gate() {
    @Override
    public boolean admit(OutboundFrame frame) {
      return true;
    }

    @Override
    public void written(OutboundFrame frame) {
      written.add(frame.isPong() ? "pong" : frame.isClose() ? "close" : "data");
    }
  };

  @Test
  void rfc6455_5_5_3_onlyTheMostRecentPendingPingIsAnswered() {
    OutboundQueue q = new OutboundQueue();
    for (int i = 0; i < 1000; i++) {
      q.addUrgent(OutboundFrame.pong(new byte[] {(byte) i}));
    }
    ByteBuffer buf = q.fill(pool, keys, null, all);
    assertEquals(List.of("pong"), written);
    assertEquals(2 + 4 + 1, buf.remaining());
  }

  @Test
  void rfc6455_5_4_controlFramesGoFirstButNeverInsideAFrame() {
    OutboundQueue q = new OutboundQueue();
    int big = BufferPool.LARGE_BUFFER_SIZE + 200_000;
    q.add(OutboundFrame.binary(ByteBuffer.allocate(big), false));
    q.add(OutboundFrame.text("second", false));
    ByteBuffer buf = q.fill(pool, keys, null, all); // the first buffer's worth of the big frame
    assertTrue(written.isEmpty());
    q.addUrgent(OutboundFrame.pong(new byte[0]));
    long reported = 0;
    while (true) {
      buf.position(buf.limit()); // as if the socket took it all
      reported += q.written(pool);
      if (q.isEmpty()) {
        break;
      }
      buf = q.fill(pool, keys, null, all);
    }
    assertEquals(List.of("data", "pong", "data"), written);
    assertEquals(big + 6, reported);
  }

  @Test
  void aLargeFrameIsWrittenThroughALargeBufferAndSmallFramesThroughASmallOne() {
    OutboundQueue q = new OutboundQueue();
    byte[] payload = new byte[BufferPool.LARGE_BUFFER_SIZE + 1000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    q.add(OutboundFrame.binary(ByteBuffer.wrap(payload), false));
    q.add(OutboundFrame.text("after", false));
    ByteBuffer wire = ByteBuffer.allocate(payload.length + 100);
    List<Integer> capacities = new ArrayList<>();
    long reported = 0;
    while (!q.isEmpty()) {
      ByteBuffer buf = q.fill(pool, keys, null, all);
      capacities.add(buf.capacity());
      wire.put(buf); // as if the socket took it all
      reported += q.written(pool);
    }
    assertEquals(List.of(BufferPool.LARGE_BUFFER_SIZE, BufferPool.LARGE_BUFFER_SIZE), capacities);
    assertEquals(List.of("data", "data"), written);
    assertEquals(payload.length + 5, reported);
    // The header (14 bytes: 64-bit length and key), then the payload masked with the key.
    wire.flip();
    assertEquals((byte) 0x82, wire.get(0));
    assertEquals(payload.length, wire.getLong(2));
    byte[] key = {wire.get(10), wire.get(11), wire.get(12), wire.get(13)};
    for (int i = 0; i < payload.length; i++) {
      assertEquals(payload[i], (byte) (wire.get(14 + i) ^ key[i & 3]), "byte " + i);
    }

    written.clear();
    q.add(OutboundFrame.text("small", false));
    ByteBuffer small = q.fill(pool, keys, null, all);
    assertEquals(BufferPool.BUFFER_SIZE, small.capacity());
    small.position(small.limit());
    assertEquals(5, q.written(pool));
  }

  @Test
  void aStalledWriteKeepsOnlyItsRemainderNotThePooledBuffer() {
    OutboundQueue q = new OutboundQueue();
    q.add(OutboundFrame.binary(ByteBuffer.allocate(1000), false));
    ByteBuffer buf = q.fill(pool, keys, null, all);
    assertTrue(buf.isDirect());
    buf.position(buf.limit() - 100); // the socket took all but 100 bytes
    assertEquals(0, q.written(pool));
    ByteBuffer rest = q.fill(pool, keys, null, all);
    assertEquals(100, rest.remaining());
    assertTrue(!rest.isDirect(), "the remainder lives in a small heap buffer");
    rest.position(rest.limit());
    assertEquals(1000, q.written(pool));
    assertTrue(q.isEmpty());
  }
}
