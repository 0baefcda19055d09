package dev.duplex.tck.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenarios for a transport adapter that queues its reports for the listener: a callback blocks
 * on a thread that does not read the socket (the one reporting {@code transmitted}) while the
 * kit's fixture server sends far more than any socket buffer holds. The adapter must stop reading
 * once a bounded amount is queued, so that TCP holds the server back, lose and reorder nothing
 * once the callback returns, and end cleanly when the connection is closed or aborted, or the
 * transport closed, while reading is paused. A transport's own tests call them with a {@link
 * Gauge} over its package-private state.
 *
 * <p>Threading: call each from the test's thread.
 */
public final class BackpressureScenarios {
  /** Each message the server sends. */
  private static final int MESSAGE = 64 << 10;
  /** How many: 32 MiB in all, far more than loopback socket buffers hold. */
  private static final int COUNT = 512;
  private static final long WAIT_MILLIS = Timeouts.WAIT.toMillis();

  /** What an adapter exposes of its queue to its own tests; called from the test's thread. */
  public interface Gauge {
    /**
     * @param connection a connection of the transport under test
     * @return the message bytes it has queued for the listener and not yet delivered
     */
    long queuedBytes(Connection connection);

    /**
     * @param connection a connection of the transport under test
     * @return whether it has stopped reading until its queue drains
     */
    boolean readingPaused(Connection connection);
  }

  /** What is done while reading is paused, before the blocked callback is released. */
  private enum Then {
    NOTHING,
    CLOSE,
    ABORT,
    CLOSE_TRANSPORT
  }

  private BackpressureScenarios() {}

  /**
   * A callback blocks while the server sends 32 MiB: the adapter's queue stays within {@code
   * bound} plus one message and the server is held back; once released, every message arrives in
   * order, and the connection closes cleanly.
   *
   * @param provider the provider under test
   * @param gauge the adapter's queue
   * @param bound the adapter's documented bound on queued message bytes
   * @throws InterruptedException if interrupted while waiting
   */
  public static void blockedCallbackBoundsTheQueueAndLosesNothing(TransportProvider provider,
      Gauge gauge, long bound) throws InterruptedException {
    run(provider, gauge, bound, Then.NOTHING);
  }

  /**
   * The engine closes the connection while reading is paused: once the callback is released,
   * every message still arrives in order and the close completes cleanly.
   *
   * @param provider the provider under test
   * @param gauge the adapter's queue
   * @param bound the adapter's documented bound on queued message bytes
   * @throws InterruptedException if interrupted while waiting
   */
  public static void closeWhileReadingIsPausedCompletes(TransportProvider provider, Gauge gauge,
      long bound) throws InterruptedException {
    run(provider, gauge, bound, Then.CLOSE);
  }

  /**
   * The engine aborts the connection while reading is paused: reading resumes at once (the
   * adapter waits for nothing), and once the callback is released the messages delivered are in
   * order and the terminal callback is {@code closed(1006, "", false)}.
   *
   * @param provider the provider under test
   * @param gauge the adapter's queue
   * @param bound the adapter's documented bound on queued message bytes
   * @throws InterruptedException if interrupted while waiting
   */
  public static void abortWhileReadingIsPausedEnds(TransportProvider provider, Gauge gauge,
      long bound) throws InterruptedException {
    run(provider, gauge, bound, Then.ABORT);
  }

  /**
   * The transport is closed while a connection's reading is paused: as for an abort.
   *
   * @param provider the provider under test
   * @param gauge the adapter's queue
   * @param bound the adapter's documented bound on queued message bytes
   * @throws InterruptedException if interrupted while waiting
   */
  public static void transportCloseWhileReadingIsPausedEnds(TransportProvider provider,
      Gauge gauge, long bound) throws InterruptedException {
    run(provider, gauge, bound, Then.CLOSE_TRANSPORT);
  }

  private static void run(TransportProvider provider, Gauge gauge, long bound, Then then)
      throws InterruptedException {
    try (FixtureServer server = FixtureServer.start();
        Transport transport = provider.create(TransportConfig.defaults())) {
      Blocking listener = new Blocking();
      Connection c = transport.connect(ConnectRequest.builder(server.uri("/")).build(), listener);
      FixturePeer peer = server.acceptOpen();
      assertTrue(listener.opened.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "not opened");
      // Let the thread that reported opened return to reading first: a report queued behind
      // opened would run on it and block its reading directly, which needs no bound.
      Thread.sleep(100);
      c.sendText("block"); // its transmitted report blocks, on a thread that does not read
      peer.readFrame(Frame.TEXT);
      assertTrue(listener.blocking.await(WAIT_MILLIS, TimeUnit.MILLISECONDS),
          "transmitted was not reported");
      Sender sender = new Sender(peer);
      sender.start();
      Thread closer = null;
      try {
        long most = awaitPaused(gauge, c);
        assertTrue(most <= bound + MESSAGE, "the adapter queued " + most + " bytes while a"
            + " callback blocked; at most " + bound + " plus one message of " + MESSAGE);
        Thread.sleep(300); // reading stays paused: the server is held back
        most = Math.max(most, gauge.queuedBytes(c));
        assertTrue(most <= bound + MESSAGE, "queued " + most + " bytes later on");
        assertTrue(sender.sent.get() < COUNT, "the server was not held back: all " + COUNT
            + " messages were written while the callback blocked");
        switch (then) {
          case NOTHING -> { }
          case CLOSE -> c.close(1000, "bye");
          case ABORT -> c.abort();
          case CLOSE_TRANSPORT -> {
            closer = new Thread(transport::close, "backpressure-close");
            closer.start();
          }
        }
        if (then == Then.ABORT || then == Then.CLOSE_TRANSPORT) {
          long deadline = System.currentTimeMillis() + WAIT_MILLIS;
          while (gauge.readingPaused(c) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
          }
          assertFalse(gauge.readingPaused(c),
              "reading stayed paused after the connection was ended (" + then + ")");
        }
      } finally {
        listener.release.countDown();
      }
      if (then == Then.NOTHING || then == Then.CLOSE) {
        listener.awaitMessages(COUNT);
        sender.join(WAIT_MILLIS);
        assertFalse(sender.isAlive(), "the server's writes never completed");
        assertEquals(null, sender.failure.get(), "the server could not write");
        if (then == Then.NOTHING) {
          c.close(1000, "bye");
        }
        assertTrue(peer.readFrame(Frame.CLOSE).isClose());
        peer.send(Frame.close(1000, "bye"));
        peer.close();
        assertEquals("closed 1000 bye true", listener.awaitTerminal());
      } else {
        assertEquals("closed 1006  false", listener.awaitTerminal());
        listener.assertInOrder();
        peer.close();
        sender.join(WAIT_MILLIS);
        assertFalse(sender.isAlive(), "the server's writes never ended");
      }
      if (closer != null) {
        closer.join(WAIT_MILLIS * 4);
        assertFalse(closer.isAlive(), "Transport.close never returned");
      }
      assertEquals(List.of(), listener.violations(), "listener calls after the terminal one");
    }
  }

  /** Samples the queue until reading pauses. @return the most bytes seen queued */
  private static long awaitPaused(Gauge gauge, Connection c) throws InterruptedException {
    long most = 0;
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (!gauge.readingPaused(c)) {
      most = Math.max(most, gauge.queuedBytes(c));
      assertTrue(System.currentTimeMillis() < deadline, "reading never paused while a callback"
          + " blocked; " + gauge.queuedBytes(c) + " bytes are queued");
      Thread.sleep(1);
    }
    return Math.max(most, gauge.queuedBytes(c));
  }

  /** The fixture's side: numbered binary messages, as fast as TCP takes them. */
  private static final class Sender extends Thread {
    final FixturePeer peer;
    final AtomicInteger sent = new AtomicInteger();
    final AtomicReference<AssertionError> failure = new AtomicReference<>();

    Sender(FixturePeer peer) {
      super("backpressure-server");
      setDaemon(true);
      this.peer = peer;
    }

    @Override
    public void run() {
      try {
        for (int i = 0; i < COUNT; i++) {
          byte[] payload = new byte[MESSAGE];
          ByteBuffer.wrap(payload).putInt(i).putInt(MESSAGE - 4, i);
          peer.send(Frame.binary(payload));
          sent.incrementAndGet();
        }
      } catch (AssertionError e) {
        failure.set(e); // the client closed the connection: expected after an abort
      }
    }
  }

  /** Blocks in the first {@code transmitted} until released; records the messages' numbers. */
  private static final class Blocking implements ConnectionListener {
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch blocking = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch terminal = new CountDownLatch(1);
    private final List<Integer> numbers = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private volatile String outcome;

    @Override
    public void opened(Handshake handshake) {
      opened.countDown();
    }

    @Override
    public void text(String text) {
      check("text");
    }

    @Override
    public void binary(ByteBuffer data) {
      check("binary");
      int first = data.getInt(data.position());
      int last = data.getInt(data.limit() - 4);
      synchronized (this) {
        numbers.add(data.remaining() == MESSAGE && first == last ? first : -1);
        notifyAll();
      }
    }

    @Override
    public void closing(int code, String reason) {
      check("closing");
    }

    @Override
    public void closed(int code, String reason, boolean wasClean) {
      end("closed " + code + " " + reason + " " + wasClean);
    }

    @Override
    public void failed(Throwable cause) {
      end("failed " + cause);
    }

    @Override
    public void transmitted(long bytes) {
      check("transmitted");
      if (blocking.getCount() > 0) {
        blocking.countDown();
        try {
          release.await(WAIT_MILLIS * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private synchronized void check(String what) {
      if (outcome != null) {
        violations.add(what + " after " + outcome);
      }
    }

    private synchronized void end(String what) {
      check(what);
      outcome = what;
      terminal.countDown();
    }

    synchronized List<String> violations() {
      return List.copyOf(violations);
    }

    String awaitTerminal() throws InterruptedException {
      assertTrue(terminal.await(WAIT_MILLIS * 2, TimeUnit.MILLISECONDS), "no terminal callback");
      return outcome;
    }

    synchronized void awaitMessages(int count) throws InterruptedException {
      long deadline = System.currentTimeMillis() + WAIT_MILLIS * 2;
      while (numbers.size() < count) {
        long left = deadline - System.currentTimeMillis();
        assertTrue(left > 0, "only " + numbers.size() + " of " + count + " messages arrived");
        wait(left);
      }
      assertInOrder();
      assertEquals(count, numbers.size());
    }

    synchronized void assertInOrder() {
      for (int i = 0; i < numbers.size(); i++) {
        assertEquals(i, numbers.get(i), "message " + i + " of " + numbers.size()
            + " is out of order, lost or damaged");
      }
    }
  }
}
