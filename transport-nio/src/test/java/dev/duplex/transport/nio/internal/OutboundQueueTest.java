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
    q.add(OutboundFrame.binary(ByteBuffer.allocate(200_000), false));
    q.add(OutboundFrame.text("second", false));
    ByteBuffer buf = q.fill(pool, keys, null, all); // the first 64 KiB of the big frame
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
    assertEquals(200_000 + 6, reported);
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
