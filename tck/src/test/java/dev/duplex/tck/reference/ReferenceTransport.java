package dev.duplex.tck.reference;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running reference transport: a timer thread shared by its connections (handshake, close and
 * keep-alive timeouts) and the set of open connections, aborted on {@link #close()}.
 *
 * <p>Threading: every method is safe from any thread.
 */
final class ReferenceTransport implements Transport {
  private static final AtomicInteger IDS = new AtomicInteger();
  private final TransportConfig config;
  private final Set<Fault> faults;
  private final ScheduledExecutorService timers;
  private final Set<ReferenceConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  ReferenceTransport(TransportConfig config, Set<Fault> faults) {
    this.config = config;
    this.faults = faults;
    int id = IDS.incrementAndGet();
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "reference-timers-" + id);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Connection connect(ConnectRequest request, ConnectionListener listener) {
    if (closed.get()) {
      throw new IllegalStateException("This reference transport has been closed");
    }
    ReferenceConnection c = new ReferenceConnection(request, listener, config, faults, timers, open::remove);
    open.add(c);
    c.start();
    return c;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      open.forEach(ReferenceConnection::abort);
      timers.shutdownNow();
    }
  }
}
