package dev.duplex.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serial loops of {@link EventLoopPolicy}: order, no overlap, and who runs the tasks. */
class SerialEventLoopTest {
  private final List<EventLoop> loops = new ArrayList<>();

  private EventLoop loop(EventLoopPolicy policy) {
    EventLoop l = policy.newEventLoop("test");
    loops.add(l);
    return l;
  }

  @AfterEach
  void shutDown() {
    loops.forEach(EventLoop::shutdown);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "the loop is stuck");
  }

  @Test
  void sharedWithTransport_runsATaskOnTheCallerWhenIdle() {
    EventLoop loop = loop(EventLoopPolicy.sharedWithTransport());
    List<Thread> ranOn = new ArrayList<>();
    List<Boolean> inLoop = new ArrayList<>();
    loop.executeOrRunHere(() -> {
      ranOn.add(Thread.currentThread());
      inLoop.add(loop.inEventLoop());
    });
    assertEquals(List.of(Thread.currentThread()), ranOn, "ran at once, on the caller");
    assertEquals(List.of(true), inLoop, "as a task of the loop");
    assertFalse(loop.inEventLoop(), "and the caller left the loop afterwards");
  }

  @Test
  void sharedWithTransport_queuesBehindARunningTask() throws Exception {
    EventLoop loop = loop(EventLoopPolicy.sharedWithTransport());
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    loop.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      order.add("first");
    });
    await(running);
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    loop.executeOrRunHere(() -> {
      ranOn.add(Thread.currentThread());
      order.add("second");
      done.countDown();
    });
    assertEquals(List.of(), order, "queued, not run, while another task runs");
    release.countDown();
    await(done);
    assertEquals(List.of("first", "second"), order);
    assertNotSame(Thread.currentThread(), ranOn.get(0), "the running thread took it");
  }

  @Test
  void dedicatedThread_neverRunsATaskOnTheCaller() throws Exception {
    EventLoop loop = loop(EventLoopPolicy.dedicatedThread());
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    loop.executeOrRunHere(() -> {
      ranOn.add(Thread.currentThread());
      done.countDown();
    });
    await(done);
    assertNotSame(Thread.currentThread(), ranOn.get(0));
  }

  @Test
  void sharedWithTransport_passesWhatIsLeftAfterABatchToItsThread() throws Exception {
    EventLoop loop = loop(EventLoopPolicy.sharedWithTransport());
    int n = 5000; // more than one drain's batch
    CountDownLatch queued = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(n);
    Map<Thread, AtomicInteger> ranOn = new ConcurrentHashMap<>();
    List<Integer> order = new CopyOnWriteArrayList<>();
    loop.executeOrRunHere(() -> {
      try {
        // Queue the burst from another thread while this first task holds the loop.
        Thread producer = new Thread(() -> {
          for (int i = 0; i < n; i++) {
            int k = i;
            loop.executeOrRunHere(() -> {
              order.add(k);
              ranOn.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger()).incrementAndGet();
              all.countDown();
            });
          }
          queued.countDown();
        });
        producer.start();
        queued.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    await(all);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(i);
    }
    assertEquals(expected, order, "in submission order");
    assertTrue(ranOn.containsKey(Thread.currentThread()), "the caller ran a first batch");
    assertEquals(2, ranOn.size(), "the loop's own thread ran the rest: " + ranOn);
  }

  @Test
  void sharedWithTransport_tasksNeverOverlapAndKeepEachCallersOrder() throws Exception {
    EventLoop loop = loop(EventLoopPolicy.sharedWithTransport());
    int callers = 4;
    int perCaller = 20_000;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    int[] last = new int[callers];
    AtomicInteger outOfOrder = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(callers * perCaller);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      last[c] = -1;
      threads.add(new Thread(() -> {
        for (int i = 0; i < perCaller; i++) {
          int k = i;
          Runnable task = () -> {
            if (inside.incrementAndGet() != 1) {
              overlaps.incrementAndGet();
            }
            if (last[caller] != k - 1) {
              outOfOrder.incrementAndGet();
            }
            last[caller] = k;
            inside.decrementAndGet();
            all.countDown();
          };
          if (k % 3 == 0) {
            loop.execute(task);
          } else {
            loop.executeOrRunHere(task);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    await(all);
    assertEquals(0, overlaps.get(), "tasks overlapped");
    assertEquals(0, outOfOrder.get(), "a caller's tasks ran out of order");
  }

  @Test
  void serialOn_neverRunsATaskOnTheCaller() throws Exception {
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread[] executorThread = new Thread[1];
    EventLoop loop = loop(EventLoopPolicy.serialOn(task -> {
      Thread t = new Thread(task);
      executorThread[0] = t;
      t.start();
    }));
    loop.executeOrRunHere(() -> {
      ranOn.add(Thread.currentThread());
      done.countDown();
    });
    await(done);
    assertSame(executorThread[0], ranOn.get(0));
  }
}
