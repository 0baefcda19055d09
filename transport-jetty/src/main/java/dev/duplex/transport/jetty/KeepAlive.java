package dev.duplex.transport.jetty;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Keep-alive pings of one connection (W3C section 6 lets a user agent send them): a ping after
 * every {@code interval} in which nothing arrived from the server, and a failure if the pong to
 * a ping does not arrive within {@code timeout}. Jetty has no such feature; this uses its
 * scheduler and {@link Session#sendPing}.
 *
 * <p>Threading: thread-safe; the scheduler and Jetty's read thread call it.
 */
final class KeepAlive {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final Scheduler scheduler;
  private final Session session;
  private final Duration interval;
  private final Duration timeout;
  private final Consumer<Throwable> onTimeout;
  private Scheduler.Task task;
  private boolean awaitingPong;
  private boolean stopped;
  private volatile long lastReceived = System.nanoTime();

  KeepAlive(Scheduler scheduler, Session session, Duration interval, Duration timeout,
      Consumer<Throwable> onTimeout) {
    this.scheduler = scheduler;
    this.session = session;
    this.interval = interval;
    this.timeout = timeout;
    this.onTimeout = onTimeout;
  }

  /** Schedules the first ping. */
  synchronized void start() {
    schedule(this::ping, interval);
  }

  /** A pong arrived: the peer is alive; the next ping follows after the interval. */
  synchronized void onPong() {
    if (awaitingPong && !stopped) {
      awaitingPong = false;
      task.cancel();
      schedule(this::ping, interval);
    }
  }

  /** Something arrived from the server: the connection is alive; called for every frame. */
  void onReceived() {
    lastReceived = System.nanoTime();
  }

  /** Cancels whatever is scheduled. Idempotent. */
  synchronized void stop() {
    stopped = true;
    if (task != null) {
      task.cancel();
    }
  }

  private void ping() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      long quiet = System.nanoTime() - lastReceived;
      if (quiet < interval.toNanos()) {
        schedule(this::ping, Duration.ofNanos(interval.toNanos() - quiet)); // not silent yet
        return;
      }
      awaitingPong = true;
      schedule(this::expire, timeout);
    }
    session.sendPing(EMPTY.duplicate(), Callback.NOOP);
  }

  private void expire() {
    synchronized (this) {
      if (stopped || !awaitingPong) {
        return;
      }
      stopped = true;
    }
    onTimeout.accept(new TimeoutException("No pong arrived within " + timeout.toMillis()
        + " ms of a keep-alive ping; the connection is failed."));
  }

  private void schedule(Runnable what, Duration delay) {
    task = scheduler.schedule(what, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
