package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.TransportConfig;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.ScriptedServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Races between {@code connect}, {@code close} and the end of a selector loop (spi: every
 * connection reports exactly one terminal callback, never from inside {@code connect}). Each race
 * is forced through the transport's package-private seams, not by timing; the last test throws
 * many connects at a close on loopback. Runs on JUnit's thread.
 */
class NioTransportRaceTest {
  private static final String CLOSED_BEFORE_OPEN =
      "The transport was closed before the connection opened.";
  /** True on a thread while it is inside {@code connect}. */
  private static final ThreadLocal<Boolean> IN_CONNECT = ThreadLocal.withInitial(() -> false);

  private static NioTransport transport(int selectors, int resolvers) {
    return new NioTransport(TransportConfig.builder()
        .property(NioTransport.SELECTOR_THREADS, Integer.toString(selectors))
        .property(NioTransport.RESOLVER_THREADS, Integer.toString(resolvers))
        .build());
  }

  private static Connection connect(NioTransport t, URI uri, ConnectionListener listener) {
    IN_CONNECT.set(true);
    try {
      return t.connect(ConnectRequest.builder(uri).build(), listener);
    } finally {
      IN_CONNECT.set(false);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "not released within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits (bounded) for a condition that another thread makes true. */
  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not within 10 s: " + what);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void connectThatFoundTheTransportOpen_closedBeforeItsHandOff_failsOnceAfterReturning()
      throws Exception {
    NioTransport t = transport(1, 1);
    try (ScriptedServer server = ScriptedServer.start()) {
      // close() runs to its end (the loop's thread has ended) after connect's check, before the
      // dialer is handed to the loop.
      t.afterClosedCheck(t::close);
      RecordingListener recording = new RecordingListener();
      OutsideConnect listener = new OutsideConnect(recording);

      assertNotNull(connect(t, server.uri("/"), listener));

      assertEquals(CLOSED_BEFORE_OPEN, recording.awaitFailed().getMessage());
      recording.assertExhausted();
      listener.assertNeverInsideConnect();
    } finally {
      t.close();
    }
  }

  @Test
  void connectHandedToTheLoopBehindItsStop_failsOnceWhenTheLoopEnds() throws Exception {
    NioTransport t = transport(1, 1);
    Thread closer = new Thread(t::close, "closer");
    CountDownLatch release = new CountDownLatch(1);
    try (ScriptedServer server = ScriptedServer.start()) {
      // Hold the loop, so that its stop and the dialer are queued together, the stop first; an
      // address literal is dialled on the loop itself, within that same run of tasks.
      CountDownLatch held = new CountDownLatch(1);
      t.loop(0).execute(() -> {
        held.countDown();
        await(release);
      });
      await(held);
      t.afterClosedCheck(() -> {
        closer.start();
        // close() stops every loop before it shuts the resolver down
        awaitTrue(t.resolver()::isShutdown, "close() stopped the loops");
      });
      RecordingListener recording = new RecordingListener();
      OutsideConnect listener = new OutsideConnect(recording);

      assertNotNull(connect(t, server.uri("/"), listener));
      release.countDown();

      assertEquals(CLOSED_BEFORE_OPEN, recording.awaitFailed().getMessage());
      recording.assertExhausted();
      listener.assertNeverInsideConnect();
      closer.join(10_000);
      assertTrue(!closer.isAlive(), "close() returned");
    } finally {
      release.countDown();
      t.close();
    }
  }

  @Test
  void selectorFailureWhileTheNameIsResolved_failsTheConnectionOnce() throws Exception {
    NioTransport t = transport(1, 1);
    CountDownLatch releaseResolver = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Hold the only resolver thread: the connection waits in its name resolution.
      CountDownLatch resolverHeld = new CountDownLatch(1);
      t.resolver().execute(() -> {
        resolverHeld.countDown();
        await(releaseResolver);
      });
      await(resolverHeld);
      RecordingListener recording = new RecordingListener();
      OutsideConnect listener = new OutsideConnect(recording);
      assertNotNull(connect(t, URI.create("ws://localhost:" + server.getLocalPort() + "/"),
          listener));
      CountDownLatch dialerStarted = new CountDownLatch(1);
      t.loop(0).execute(dialerStarted::countDown); // runs after the dialer's start
      await(dialerStarted);

      t.loop(0).selector().close(); // the selector fails under its loop

      Throwable cause = recording.awaitFailed();
      assertTrue(cause.getMessage().contains("selector thread"), cause::toString);
      // The resolution now completes and hands its result to the loop that has ended.
      releaseResolver.countDown();
      CountDownLatch resolverDone = new CountDownLatch(1);
      t.resolver().execute(resolverDone::countDown);
      await(resolverDone);
      recording.assertExhausted();
      listener.assertNeverInsideConnect();
    } finally {
      releaseResolver.countDown();
      t.close();
    }
  }

  @Test
  void twoHundredConnectsRacingClose_eachReportOneTerminalCallbackOrThrow() throws Exception {
    int rounds = 4;
    int threads = 5;
    int perThread = 10; // 4 rounds of 5 threads with 10 connects each: 200 connects
    List<OutsideConnect> all = new ArrayList<>();
    List<NioTransport> transports = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (ServerSocket server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress())) {
      // The server never accepts: a connection waits in its handshake until the close.
      URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
      for (int round = 0; round < rounds; round++) {
        NioTransport t = transport(2, 2);
        transports.add(t);
        List<OutsideConnect> outcomes = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
          outcomes.add(new OutsideConnect(new RecordingListener()));
        }
        CyclicBarrier go = new CyclicBarrier(threads + 1);
        // Close once a fifth (round 0) to four fifths (round 3) of the connects have been issued.
        CountDownLatch issued = new CountDownLatch((round + 1) * outcomes.size() / (rounds + 1));
        List<Thread> connectors = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
          List<OutsideConnect> mine = outcomes.subList(k * perThread, (k + 1) * perThread);
          Thread c = new Thread(() -> {
            try {
              go.await();
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            for (OutsideConnect o : mine) {
              try {
                connect(t, uri, o);
                o.returned = true;
              } catch (IllegalStateException e) {
                o.refused = true; // closed already: no connection, so no callback
              }
              issued.countDown();
            }
          }, "connector-" + k);
          c.start();
          connectors.add(c);
        }
        go.await();
        issued.await(10, TimeUnit.SECONDS);
        t.close();
        for (Thread c : connectors) {
          c.join(10_000);
          assertTrue(!c.isAlive(), "a connect did not return");
        }
        all.addAll(outcomes);
      }
      int connected = 0;
      for (OutsideConnect o : all) {
        assertTrue(o.returned ^ o.refused, "connect either returned or threw");
        if (o.returned) {
          connected++;
          long left = Math.max(0, deadline - System.nanoTime());
          assertTrue(o.terminal.await(left, TimeUnit.NANOSECONDS),
              "a connection reported no terminal callback within 20 s of the first connect");
        }
      }
      Thread.sleep(100); // a grace period in which a second terminal callback would show
      for (OutsideConnect o : all) {
        o.assertNeverInsideConnect();
        assertEquals(o.returned ? 1 : 0, o.terminals.get(), "terminal callbacks");
      }
      assertTrue(connected > 0, "some connects returned a connection");
    } finally {
      transports.forEach(NioTransport::close);
    }
  }

  /**
   * Passes every callback on, noting whether one came from inside {@code connect}, and counts the
   * terminal callbacks.
   */
  private static final class OutsideConnect implements ConnectionListener {
    private final ConnectionListener next;
    final CountDownLatch terminal = new CountDownLatch(1);
    final AtomicInteger terminals = new AtomicInteger();
    volatile boolean returned;
    volatile boolean refused;
    private volatile String violation;

    OutsideConnect(ConnectionListener next) {
      this.next = next;
    }

    void assertNeverInsideConnect() {
      assertNull(violation, violation);
    }

    private void check(String callback) {
      if (IN_CONNECT.get()) {
        violation = callback + " was called inside connect";
      }
    }

    private void terminal(String callback) {
      check(callback);
      terminals.incrementAndGet();
      terminal.countDown();
    }

    @Override
    public void opened(Handshake handshake) {
      check("opened");
      next.opened(handshake);
    }

    @Override
    public void text(String text) {
      check("text");
      next.text(text);
    }

    @Override
    public void binary(ByteBuffer data) {
      check("binary");
      next.binary(data);
    }

    @Override
    public void closing(int code, String reason) {
      check("closing");
      next.closing(code, reason);
    }

    @Override
    public void closed(int code, String reason, boolean wasClean) {
      terminal("closed");
      next.closed(code, reason, wasClean);
    }

    @Override
    public void failed(Throwable cause) {
      terminal("failed");
      next.failed(cause);
    }

    @Override
    public void transmitted(long bytes) {
      check("transmitted");
      next.transmitted(bytes);
    }
  }
}
