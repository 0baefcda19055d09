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
 * <p>Threading: scenario methods run on the worker's main thread; the pipelined echo runs one
 * selector loop on its own thread.
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
    SocketChannel ch = connect(target.tcp());
    ch.configureBlocking(false);
    PipelinedEcho loop = new PipelinedEcho(ch, (long) size * inFlight);
    Thread t = new Thread(loop, "raw-tcp-echo");
    t.setDaemon(true);
    t.start();
    try {
      return sampleRate(() -> loop.received.get() / size);
    } finally {
      loop.running = false;
      t.join(10_000);
      ch.close();
    }
  }

  /** Writes as many bytes as were echoed, keeping {@code window} bytes in flight. */
  private static final class PipelinedEcho implements Runnable {
    final AtomicLong received = new AtomicLong();
    volatile boolean running = true;
    private final SocketChannel ch;
    private final long window;

    PipelinedEcho(SocketChannel ch, long window) {
      this.ch = ch;
      this.window = window;
    }

    @Override
    public void run() {
      ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
      ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
      long toWrite = window;
      long written = 0;
      try (Selector selector = Selector.open()) {
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        while (running || received.get() < written) {
          selector.select(100);
          selector.selectedKeys().clear();
          int n;
          while ((n = ch.read(in.clear())) > 0) {
            received.addAndGet(n);
            if (running) {
              toWrite += n;
            }
          }
          if (n < 0) {
            return;
          }
          while (toWrite > 0) {
            out.clear().limit((int) Math.min(out.capacity(), toWrite));
            int w = ch.write(out);
            written += w;
            toWrite -= w;
            if (w == 0) {
              break;
            }
          }
          key.interestOps(SelectionKey.OP_READ | (toWrite > 0 ? SelectionKey.OP_WRITE : 0));
        }
      } catch (IOException e) {
        running = false;
      }
    }
  }

  @Override
  protected Samples[] latency(int size) throws Exception {
    LatencyRecorder recorder = new LatencyRecorder(plan, target.serverPid());
    ByteBuffer out = ByteBuffer.allocateDirect(size);
    ByteBuffer in = ByteBuffer.allocateDirect(size);
    try (SocketChannel ch = connect(target.tcp())) {
      boolean more = true;
      while (more) {
        long t0 = System.nanoTime();
        out.clear();
        while (out.hasRemaining()) {
          ch.write(out);
        }
        in.clear();
        while (in.hasRemaining()) {
          if (ch.read(in) < 0) {
            throw new IOException("the server closed the raw TCP echo connection");
          }
        }
        more = recorder.record(System.nanoTime() - t0);
      }
    }
    return recorder.done().get();
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
