package dev.duplex.transport.nio.internal;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The NIO transport: a few selector threads shared by all its connections (property
 * {@code nio.selectorThreads}, default the number of processors), and a small executor for the
 * work that may block (name resolution, proxy selection, TLS delegated tasks; property
 * {@code nio.resolverThreads}, default 4), so that no selector thread ever waits on it.
 *
 * <p>Threading: every method is thread-safe.
 */
public final class NioTransport implements Transport {
  /** Property: how many selector threads. */
  public static final String SELECTOR_THREADS = "nio.selectorThreads";
  /** Property: how many threads resolve names and run TLS tasks. */
  public static final String RESOLVER_THREADS = "nio.resolverThreads";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final TransportConfig config;
  private final SelectorLoop[] loops;
  private final ThreadPoolExecutor resolver;
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile SSLContext sslContext;
  /** Tests only: runs in {@link #connect} between its check of {@link #closed} and the hand-off. */
  private volatile Runnable afterClosedCheck;

  /** @param config the settings shared by every connection */
  public NioTransport(TransportConfig config) {
    this.config = config;
    int id = INSTANCES.incrementAndGet();
    int selectors = intProperty(config, SELECTOR_THREADS, Runtime.getRuntime().availableProcessors());
    int resolvers = intProperty(config, RESOLVER_THREADS, 4);
    loops = new SelectorLoop[selectors];
    for (int i = 0; i < selectors; i++) {
      // One generator per loop: the loops never contend for its lock.
      loops[i] = new SelectorLoop("duplex-nio-" + id + "-selector-" + i, MaskKeys.newRandom());
      loops[i].start();
    }
    AtomicInteger threadId = new AtomicInteger();
    resolver = new ThreadPoolExecutor(resolvers, resolvers, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "duplex-nio-" + id + "-resolver-" + threadId.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    resolver.allowCoreThreadTimeOut(true);
  }

  private static int intProperty(TransportConfig config, String name, int fallback) {
    String value = config.property(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The property " + name
          + " must be a positive integer, not \"" + value + "\".", e);
    }
  }

  TransportConfig config() {
    return config;
  }

  ExecutorService resolver() {
    return resolver;
  }

  /** @return the selector loop with index {@code i} (for tests) */
  SelectorLoop loop(int i) {
    return loops[i];
  }

  /** Tests only: {@code hook} runs in every later {@link #connect} that found the transport open. */
  void afterClosedCheck(Runnable hook) {
    afterClosedCheck = hook;
  }

  /** The TLS context: the configured one, else the JDK default, looked up once when first needed. */
  SSLContext sslContext() {
    SSLContext c = sslContext;
    if (c == null) {
      try {
        c = config.sslContext().isPresent() ? config.sslContext().get() : SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("The JDK has no default TLS context.", e);
      }
      sslContext = c;
    }
    return c;
  }

  @Override
  public Connection connect(ConnectRequest request, ConnectionListener listener) {
    if (closed.get()) {
      throw new IllegalStateException("The transport has been closed.");
    }
    Runnable hook = afterClosedCheck;
    if (hook != null) {
      hook.run();
    }
    SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    NioConnection connection = new NioConnection(loop, request, listener);
    new Dialer(connection, this).dial();
    return connection;
  }

  /**
   * True: every callback comes from a selector thread of this transport, holding no lock, and no
   * {@link Connection} method calls the listener (they only queue work for the selector thread).
   */
  @Override
  public boolean allowsInlineDispatch() {
    return true;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (SelectorLoop loop : loops) {
      loop.stop();
    }
    resolver.shutdownNow();
    try {
      for (SelectorLoop loop : loops) {
        loop.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
