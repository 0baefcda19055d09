package dev.duplex.bench.driver;

import dev.duplex.bench.Plan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw TCP over loopback through the same Netty server: the physical ceiling. A "message" is
 * {@code size} bytes of an unframed byte stream, so the ceiling pays no framing or masking.
 *
 * <p>Threading: scenario methods run on the worker's main thread; the echo and latency
 * scenarios drive their connection from a selector loop on a thread of its own, as the
 * WebSocket clients do (see {@link EchoLoop}).
 */
public final class RawTcpDriver extends Driver {

  /**
   * @param plan what to run
   * @param target the server
   */
  public RawTcpDriver(Plan plan, Target target) {
    super(plan, target, "raw-tcp", "ceiling");
  }

  private static SocketChannel connect(InetSocketAddress address) throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    ch.connect(address);
    return ch;
  }

  @Override
  protected Samples echo(int size, int inFlight) throws Exception {
    try (EchoLoop loop = EchoLoop.start(connect(target.tcp()), size, inFlight, null)) {
      return sampleRate(loop.echoed::get, loop::failure);
    }
  }

  @Override
  protected Interleaved.Lane lane(int size, int inFlight, Interleaved.Echoes echoes)
      throws Exception {
    return lane(target, size, inFlight, echoes);
  }

  /**
   * A raw-TCP connection of its own that echoes in turns: the raw-tcp row's lane, and the
   * reference every row's latency (see {@link Interleaved}) and echo throughput (see
   * {@link InterleavedEcho}) is measured in turns with.
   *
   * @param target the server
   * @param size the message size
   * @param inFlight the most messages the lane will have in flight (1 for latency), for the size
   *     of its write buffer
   * @param echoes told of each whole echo, on the loop's thread
   * @return the lane, idle until its first {@link Interleaved.Lane#send}
   */
  static Interleaved.Lane lane(Target target, int size, int inFlight, Interleaved.Echoes echoes)
      throws IOException {
    EchoLoop loop = EchoLoop.start(connect(target.tcp()), size, inFlight, echoes);
    return new Interleaved.Lane() {
      @Override
      public void send() {
        loop.kick();
      }

      @Override
      public void close() {
        try {
          loop.close();
        } catch (IOException e) {
          // closing the lane's socket after the run; nothing to do about it
        }
      }
    };
  }

  /**
   * One raw-TCP connection driven the way the WebSocket clients drive theirs: by a selector loop
   * on a thread of its own (the client's I/O thread), which sends the next message as soon as it
   * has read the whole echo of one, from the code that read it, so that no other thread is woken
   * in between. Keeps {@code inFlight} messages of {@code size} bytes in flight; or, with
   * {@link Interleaved.Echoes} (in turns), sends one message per {@link #kick} and after each
   * echo as many as the echoes say, as {@link WsDriver}'s lane does.
   *
   * <p>Threading: the loop runs on its own thread ({@code raw-tcp-io}); {@link #echoed},
   * {@link #failure}, {@link #kick} and {@link #close} may be used from any thread.
   */
  private static final class EchoLoop implements Runnable, AutoCloseable {
    final AtomicLong echoed = new AtomicLong();
    private final SocketChannel ch;
    private final int size;
    private final int inFlight;
    private final Interleaved.Echoes echoes;
    private final Selector selector;
    private final AtomicLong kicks = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    private EchoLoop(SocketChannel ch, int size, int inFlight, Interleaved.Echoes echoes)
        throws IOException {
      this.ch = ch;
      this.size = size;
      this.inFlight = inFlight;
      this.echoes = echoes;
      this.selector = Selector.open();
      this.thread = new Thread(this, "raw-tcp-io");
      thread.setDaemon(true);
    }

    /**
     * @param ch a connected channel, owned by the loop from now on
     * @param echoes null to keep {@code inFlight} messages in flight from the start; else told
     *     of each echo, the loop sending only when kicked and then what they say (at most
     *     {@code inFlight} in flight)
     * @return the loop, running
     */
    static EchoLoop start(SocketChannel ch, int size, int inFlight, Interleaved.Echoes echoes)
        throws IOException {
      EchoLoop loop;
      try {
        ch.configureBlocking(false);
        loop = new EchoLoop(ch, size, inFlight, echoes);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      loop.thread.start();
      return loop;
    }

    /** Sends one message (in turns: the first of a turn) from the loop's thread. */
    void kick() {
      kicks.incrementAndGet();
      selector.wakeup();
    }

    /** @return why the connection ended during the scenario, or null */
    String failure() {
      return failure;
    }

    @Override
    public void run() {
      ByteBuffer out = ByteBuffer.allocateDirect((int) Math.min(1 << 20, (long) size * inFlight));
      ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
      long unwritten = echoes == null ? (long) size * inFlight : 0;
      long written = 0;
      long read = 0;
      try (selector) {
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
        while (running || read < written) {
          unwritten += kicks.getAndSet(0) * size;
          while (unwritten > 0) {
            out.clear().limit((int) Math.min(out.capacity(), unwritten));
            int w = ch.write(out);
            written += w;
            unwritten -= w;
            if (w == 0) {
              break;
            }
          }
          key.interestOps(SelectionKey.OP_READ | (unwritten > 0 ? SelectionKey.OP_WRITE : 0));
          selector.select(100);
          selector.selectedKeys().clear();
          int n;
          do {
            n = ch.read(in.clear());
            long whole = n <= 0 ? 0 : (read + n) / size - read / size;
            read += Math.max(0, n);
            for (long i = 0; i < whole; i++) {
              echoed.incrementAndGet();
              if (echoes != null) {
                unwritten += (long) echoes.echoed() * size;
              } else if (running) {
                unwritten += size;
              }
            }
            // A read that did not fill the buffer emptied the socket: no read that must fail
            // with nothing to read before the next message goes out (Netty reads the same way).
          } while (n == in.capacity());
          if (n < 0) {
            throw new IOException("the server closed the raw TCP echo connection");
          }
        }
      } catch (IOException | RuntimeException e) {
        failure = e.toString();
        if (echoes != null) {
          echoes.failed(e);
        }
      }
    }

    /** Stops sending, waits (at most 10 s) for the echoes in flight, and closes the channel. */
    @Override
    public void close() throws IOException {
      running = false;
      selector.wakeup();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ch.close();
      }
    }
  }

  @Override
  protected Samples stream(int size) throws Exception {
    try (SocketChannel ch = connect(target.tcpStream())) {
      ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
      return sampleBatches(4 << 20, 1 << 16, plan.streamBytes(), bytes -> receive(ch, bytes, in));
    }
  }

  /** Asks for {@code bytes} and reads them; returns the nanoseconds it took. */
  private static long receive(SocketChannel ch, long bytes, ByteBuffer in) throws IOException {
    long t0 = System.nanoTime();
    ByteBuffer ask = ByteBuffer.allocate(8).putLong(bytes).flip();
    while (ask.hasRemaining()) {
      ch.write(ask);
    }
    long left = bytes;
    while (left > 0) {
      int n = ch.read(in.clear());
      if (n < 0) {
        throw new IOException("the server closed the raw TCP stream");
      }
      left -= n;
    }
    return System.nanoTime() - t0;
  }

  @Override
  protected Samples setup(int connections) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WsDriver.SETUP_CONCURRENCY);
    try {
      return sampleBatches(Math.max(50, connections / 4), 20, connections, n -> {
        long t0 = System.nanoTime();
        openAndClose(pool, (int) n);
        return System.nanoTime() - t0;
      });
    } finally {
      pool.shutdownNow();
    }
  }

  private void openAndClose(ExecutorService pool, int n) throws Exception {
    List<Future<?>> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      InetSocketAddress a = target.tcp();
      all.add(pool.submit(() -> {
        try (SocketChannel ch = connect(a)) {
          ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        return null;
      }));
    }
    for (Future<?> f : all) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  @Override
  protected Held openIdle(int connections) throws Exception {
    List<SocketChannel> open = new ArrayList<>(connections);
    try {
      for (int i = 0; i < connections; i++) {
        open.add(connect(target.tcp()));
      }
    } catch (IOException | RuntimeException e) {
      closeAll(open);
      throw e;
    }
    return new Held() {
      @Override
      public int open() throws IOException {
        return stillOpen(open);
      }

      @Override
      public void close() {
        closeAll(open);
      }
    };
  }

  /** The channels the server has not closed: a readable idle channel is at its end. */
  private static int stillOpen(List<SocketChannel> channels) throws IOException {
    try (Selector selector = Selector.open()) {
      for (SocketChannel ch : channels) {
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ);
      }
      selector.selectNow();
      return channels.size() - selector.selectedKeys().size();
    }
  }

  private static void closeAll(List<SocketChannel> open) {
    for (SocketChannel ch : open) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing an idle socket; nothing to do about it
      }
    }
  }

  @Override
  public void close() {
    // nothing shared to release
  }
}
