package dev.duplex.transport.nio.internal;

import dev.duplex.spi.CloseCodes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Keep-alive pings (W3C section 6 lets a client send them; RFC 6455 5.5.2): after every ping
 * interval in which nothing arrived, a ping with a fresh payload goes out, and when no pong with
 * that payload comes back within the pong timeout the connection fails. Anything received proves
 * the server alive, so a busy connection sends no pings. Other pongs are unsolicited and ignored.
 *
 * <p>Threading: confined to the connection's selector thread.
 */
final class KeepAlive {
  /** What keep-alive needs from its connection. */
  interface Host {
    /** @return whether pings should still be sent */
    boolean isOpen();

    void sendPing(byte[] payload);

    void keepAliveFailed(WebSocketFailure failure);
  }

  private final SelectorLoop loop;
  private final Host host;
  private final Duration interval;
  private final Duration timeout;
  private SelectorLoop.Timer pingTimer;
  private SelectorLoop.Timer pongTimer;
  private byte[] awaited;
  private boolean received;

  KeepAlive(SelectorLoop loop, Host host, Duration interval, Duration timeout) {
    this.loop = loop;
    this.host = host;
    this.interval = interval;
    this.timeout = timeout;
  }

  /** Starts the interval timer unless the interval is zero. */
  void start() {
    if (!interval.isZero()) {
      pingTimer = loop.schedule(interval.toNanos(), this::tick);
    }
  }

  /** Something arrived from the server. */
  void received() {
    received = true;
  }

  /** A pong arrived: it answers the outstanding ping if the payloads match. */
  void pong(byte[] payload) {
    if (awaited != null && Arrays.equals(awaited, payload)) {
      awaited = null;
      pongTimer.cancel();
    }
  }

  /** Stops all timers. */
  void stop() {
    if (pingTimer != null) {
      pingTimer.cancel();
    }
    if (pongTimer != null) {
      pongTimer.cancel();
    }
  }

  private void tick() {
    if (!host.isOpen()) {
      return;
    }
    if (awaited == null && !received) {
      awaited = ByteBuffer.allocate(8).putLong(System.nanoTime()).array();
      host.sendPing(awaited.clone());
      pongTimer = loop.schedule(timeout.toNanos(), () -> host.keepAliveFailed(new WebSocketFailure(
          CloseCodes.ABNORMAL_CLOSURE, "No pong answered the keep-alive ping within " + timeout
          + ".")));
    }
    received = false;
    pingTimer = loop.schedule(interval.toNanos(), this::tick);
  }
}
