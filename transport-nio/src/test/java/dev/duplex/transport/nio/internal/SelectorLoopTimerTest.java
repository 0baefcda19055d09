package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The selector loop's timers: cancelled ones must not pile up for their whole timeout (every
 * open connection cancels a 30-second handshake timer). The loop's thread is never started, so
 * the test thread is the loop thread.
 */
class SelectorLoopTimerTest {

  @Test
  void cancelledTimersAreDroppedWhenTheyAreMostOfTheQueue() throws IOException {
    SelectorLoop loop = new SelectorLoop("test", new SecureRandom());
    try {
      List<SelectorLoop.Timer> timers = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        timers.add(loop.schedule(TimeUnit.SECONDS.toNanos(30), () -> {}));
      }
      for (int i = 0; i < 499; i++) {
        timers.get(i).cancel();
      }
      assertEquals(1000, loop.pendingTimers(), "fewer than half cancelled: nothing purged yet");
      timers.get(499).cancel();
      assertEquals(500, loop.pendingTimers(), "half cancelled: the cancelled ones are gone");
      for (int i = 500; i < 1000; i++) {
        timers.get(i).cancel();
      }
      assertTrue(loop.pendingTimers() < SelectorLoop.PURGE_THRESHOLD,
          "all cancelled: at most a few below the threshold remain, not " + loop.pendingTimers());
    } finally {
      loop.selector().close();
    }
  }

  @Test
  void aFewCancelledTimersAreLeftToComeDue() throws IOException {
    SelectorLoop loop = new SelectorLoop("test", new SecureRandom());
    try {
      List<SelectorLoop.Timer> timers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        timers.add(loop.schedule(TimeUnit.SECONDS.toNanos(30), () -> {}));
      }
      timers.forEach(SelectorLoop.Timer::cancel);
      timers.forEach(SelectorLoop.Timer::cancel); // twice is once
      assertEquals(10, loop.pendingTimers(),
          "below the threshold, purging would cost more than it saves");
    } finally {
      loop.selector().close();
    }
  }
}
