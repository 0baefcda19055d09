package dev.duplex.bench.driver;

import dev.duplex.bench.Plan;
import dev.duplex.bench.client.MessageSink;
import dev.duplex.bench.client.WsClient;
import dev.duplex.bench.client.WsConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scenarios over any {@link WsClient}: the load driver of the socket scenarios.
 *
 * <p>Threading: scenario methods run on the worker's main thread; the echo loops run on the
 * client library's threads (each echo is sent from the callback that received the previous;
 * in the latency scenario the first message of each turn is sent from the main thread, see
 * {@link Interleaved}).
 */
public final class WsDriver extends Driver {
  /** Connections being opened at once in the setup scenario. */
  static final int SETUP_CONCURRENCY = 32;
  /** Connections being opened at once in the idle scenario. */
  public static final int IDLE_CONCURRENCY = 256;

  private final WsClient client;

  /**
   * @param plan what to run
   * @param target the server
   * @param client the client under test; closed with this driver
   */
  public WsDriver(Plan plan, Target target, WsClient client) {
    super(plan, target, client.name(), client.kind().name().toLowerCase(java.util.Locale.ROOT));
    this.client = client;
  }

  static ByteBuffer payload(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return ByteBuffer.wrap(b).asReadOnlyBuffer();
  }

  private WsConnection open(URI uri, MessageSink sink) throws Exception {
    try {
      return client.connect(uri, sink).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new IllegalStateException("could not connect to " + uri + ": " + c, c);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the handshake with " + uri + " took over 30 s", e);
    }
  }

  @Override
  protected Samples echo(int size, int inFlight) throws Exception {
    EchoLoop loop = new EchoLoop(payload(size), inFlight);
    WsConnection c = open(target.ws("/"), loop);
    loop.start(c);
    try {
      return sampleRate(loop.received::get, () -> loop.closed);
    } finally {
      loop.running = false;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (loop.received.get() < loop.sent.get() && System.nanoTime() < end) {
        Thread.sleep(1);
      }
      c.close();
    }
  }

  /** Keeps {@code inFlight} messages in flight: each echo sends the next (ramping up by two). */
  private static final class EchoLoop implements MessageSink {
    final AtomicLong received = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    private final ByteBuffer payload;
    private final int inFlight;
    volatile boolean running = true;
    volatile String closed;
    private volatile WsConnection connection;

    EchoLoop(ByteBuffer payload, int inFlight) {
      this.payload = payload;
      this.inFlight = inFlight;
    }

    void start(WsConnection c) {
      connection = c;
      sent.incrementAndGet();
      c.send(payload);
    }

    @Override
    public void onClosed(String why) {
      closed = why;
    }

    @Override
    public void onMessage(int length) {
      long r = received.incrementAndGet();
      if (!running) {
        return;
      }
      long n = Math.min(2, inFlight - (sent.get() - r));
      for (long i = 0; i < n; i++) {
        sent.incrementAndGet();
        connection.send(payload);
      }
    }
  }

  @Override
  protected Interleaved.Lane lane(int size, int inFlight, Interleaved.Echoes echoes)
      throws Exception {
    ByteBuffer payload = payload(size);
    AtomicReference<WsConnection> conn = new AtomicReference<>();
    WsConnection c = open(target.ws("/"), new MessageSink() {
      @Override
      public void onMessage(int length) {
        // On the client's I/O thread, one callback at a time: the next messages go out from
        // the code that received the echo, none once the turn is over.
        for (int n = echoes.echoed(); n > 0; n--) {
          conn.get().send(payload);
        }
      }

      @Override
      public void onClosed(String why) {
        echoes.failed(new IllegalStateException(why));
      }
    });
    conn.set(c);
    return new Interleaved.Lane() {
      @Override
      public void send() {
        c.send(payload);
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  @Override
  protected Samples stream(int size) throws Exception {
    StreamSink sink = new StreamSink();
    WsConnection c = open(target.ws("/stream"), sink);
    try {
      Samples perMessage = sampleBatches(Math.max(8, (4 << 20) / size), 8,
          Math.max(8, plan.streamBytes() / size), count -> sink.run(c, count, size));
      return scale(perMessage, size);
    } finally {
      c.close();
    }
  }

  /** Counts streamed messages and signals when a run's last one arrives. */
  private static final class StreamSink implements MessageSink {
    private final AtomicLong received = new AtomicLong();
    private volatile long goal = Long.MAX_VALUE;
    private volatile CompletableFuture<Void> reached = new CompletableFuture<>();
    private volatile String closed;

    @Override
    public void onMessage(int length) {
      if (received.incrementAndGet() == goal) {
        reached.complete(null);
      }
    }

    @Override
    public void onClosed(String why) {
      closed = why;
      reached.completeExceptionally(
          new IllegalStateException("the connection ended during the scenario: " + why));
    }

    /** Asks for {@code count} messages; returns nanoseconds until the last arrived. */
    long run(WsConnection c, long count, int size) throws Exception {
      CompletableFuture<Void> done = new CompletableFuture<>();
      reached = done;
      if (closed != null) {
        throw new IllegalStateException("the connection ended during the scenario: " + closed);
      }
      goal = received.get() + count;
      ByteBuffer command = ByteBuffer.allocate(12).putLong(count).putInt(size).flip();
      long t0 = System.nanoTime();
      c.send(command);
      try {
        done.get(60, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("the stream of " + count + " messages took over 60 s", e);
      }
      return System.nanoTime() - t0;
    }
  }

  @Override
  protected Samples setup(int connections) throws Exception {
    return sampleBatches(Math.max(50, connections / 4), 20, connections, n -> {
      long t0 = System.nanoTime();
      openAll((int) n, SETUP_CONCURRENCY, null, length -> { });
      return System.nanoTime() - t0;
    });
  }

  /**
   * Opens {@code n} connections, each with {@code sink}; keeps them in {@code keep}, or closes
   * each at once if null.
   */
  private void openAll(int n, int concurrency, List<WsConnection> keep, MessageSink sink)
      throws Exception {
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<Throwable> first = new AtomicReference<>();
    for (int i = 0; i < n; i++) {
      if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no handshake completed within 60 s");
      }
      client.connect(target.ws("/"), sink).whenComplete((c, e) -> {
        if (e != null) {
          failures.incrementAndGet();
          first.compareAndSet(null, e);
        } else if (keep != null) {
          keep.add(c);
        } else {
          c.close();
        }
        permits.release();
        done.countDown();
      });
    }
    if (!done.await(60 + n / 100, TimeUnit.SECONDS)) {
      throw new IllegalStateException((n - done.getCount()) + " of " + n + " handshakes completed in time");
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " of " + n + " connections failed, first: "
          + first.get());
    }
  }

  @Override
  protected Held openIdle(int connections) throws Exception {
    ClosedCounter closed = new ClosedCounter();
    List<WsConnection> open = Collections.synchronizedList(new ArrayList<>(connections));
    try {
      openAll(connections, IDLE_CONCURRENCY, open, closed);
    } catch (Exception | Error e) {
      closeAll(open);
      throw e;
    }
    return new Held() {
      @Override
      public int open() {
        return Math.max(0, open.size() - closed.count.get());
      }

      @Override
      public void close() {
        closeAll(open);
      }
    };
  }

  private static void closeAll(List<WsConnection> open) {
    synchronized (open) {
      for (WsConnection c : open) {
        c.close();
      }
    }
  }

  /**
   * One sink for every idle connection (so that it adds nothing per connection to the heap
   * measured): counts the connections that reported their end.
   *
   * <p>Threading: called on the client library's threads; the count is atomic.
   */
  private static final class ClosedCounter implements MessageSink {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void onMessage(int length) {
      // idle connections receive nothing
    }

    @Override
    public void onClosed(String why) {
      count.incrementAndGet();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
