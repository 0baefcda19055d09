package dev.duplex.transport.okhttp;

import dev.duplex.spi.CloseCodes;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import okhttp3.WebSocket;
import okio.ByteString;

/**
 * One connection's outgoing messages between the engine and OkHttp's queue.
 *
 * <p>OkHttp refuses a message that would take its queue past {@link #OKHTTP_QUEUE_CAP} (16 MiB)
 * and closes the socket with 1001 when it does. This class never lets that happen: a message
 * OkHttp cannot take yet is held here, in order, and handed over as OkHttp's queue drains. A
 * close asked for while messages are held is held behind them.
 *
 * <p>OkHttp has no write callback. The bytes written are derived from the drop of {@link
 * WebSocket#queueSize()} (application bytes of messages not yet written: OkHttp subtracts a
 * message's bytes once its last frame has been written to the socket). While bytes are
 * outstanding, a task on the transport's scheduler polls every {@value #POLL_MILLIS} ms, reports
 * the drop and feeds held messages; it stops when nothing is outstanding.
 *
 * <p>Threading: thread-safe; every method may be called from any thread. All state is guarded by
 * {@code this}; OkHttp's own lock is taken inside it (never the reverse), and {@code transmitted}
 * is reported outside it.
 */
final class OutboundFlow {
  /** OkHttp's fixed cap on its outgoing queue, {@code RealWebSocket.MAX_QUEUE_SIZE}. */
  static final long OKHTTP_QUEUE_CAP = 16L << 20;
  /** How often OkHttp's queue is polled while bytes are outstanding. */
  static final long POLL_MILLIS = 5;

  private final WebSocket ws;
  private final ScheduledExecutorService scheduler;
  private final WireControl wire;
  private final LongConsumer transmitted;
  private final ArrayDeque<Pending> held = new ArrayDeque<>();
  /** Application bytes handed to OkHttp and accepted. */
  private long handed;
  /** Application bytes already reported as transmitted. */
  private long reported;
  private Integer heldCloseCode;
  private String heldCloseReason;
  private boolean polling;
  private boolean stopped;

  OutboundFlow(
      WebSocket ws, ScheduledExecutorService scheduler, WireControl wire, LongConsumer transmitted) {
    this.ws = ws;
    this.scheduler = scheduler;
    this.wire = wire;
    this.transmitted = transmitted;
  }

  /**
   * Queues a text message behind the others.
   *
   * @return false if the message alone is larger than OkHttp's queue can ever hold
   */
  boolean sendText(String text) {
    return enqueue(new Pending(text, null, Utf8.length(text)));
  }

  /**
   * Queues a binary message behind the others.
   *
   * @return false if the message alone is larger than OkHttp's queue can ever hold
   */
  boolean sendBinary(ByteString bytes) {
    return enqueue(new Pending(null, bytes, bytes.size()));
  }

  private boolean enqueue(Pending message) {
    if (message.size > OKHTTP_QUEUE_CAP) {
      return false;
    }
    synchronized (this) {
      if (stopped || heldCloseCode != null) {
        return true;
      }
      if (held.isEmpty() && ws.queueSize() + message.size <= OKHTTP_QUEUE_CAP) {
        handOver(message);
      } else {
        held.add(message);
      }
      startPolling();
    }
    return true;
  }

  /**
   * Starts OkHttp's closing handshake after every message queued so far.
   *
   * @param code the code to send; 1005 (no code) is sent as 1000, which OkHttp requires
   * @param reason the reason, possibly empty
   */
  synchronized void close(int code, String reason) {
    if (stopped || heldCloseCode != null) {
      return;
    }
    if (held.isEmpty()) {
      closeNow(code, reason);
    } else {
      heldCloseCode = code;
      heldCloseReason = reason;
    }
  }

  /**
   * Drops what is held (the server has closed, or the connection is over): nothing more is handed
   * to OkHttp except a close reply.
   */
  synchronized void discardHeld() {
    held.clear();
    heldCloseCode = null;
  }

  /** Stops for good: nothing more is sent, polled or reported. */
  synchronized void stop() {
    stopped = true;
    held.clear();
    heldCloseCode = null;
  }

  /**
   * Replies to the server's Close (RFC 6455 5.5.1) unless a Close was already sent.
   *
   * @param code the code to send
   */
  synchronized void replyClose(int code) {
    held.clear();
    heldCloseCode = null;
    closeNow(code, "");
  }

  private void closeNow(int code, String reason) {
    // OkHttp cannot send a Close frame without a code: send 1000, which the socket's masker
    // strips to an empty Close frame (unless the socket is a foreign factory's: a deviation).
    int sendable = code;
    if (code == CloseCodes.NO_STATUS_RECEIVED) {
      wire.requestEmptyClose();
      sendable = CloseCodes.NORMAL_CLOSURE;
    }
    ws.close(sendable, reason == null || reason.isEmpty() ? null : reason);
  }

  private void handOver(Pending message) {
    boolean accepted = message.text != null ? ws.send(message.text) : ws.send(message.bytes);
    if (accepted) {
      handed += message.size;
    }
  }

  private void startPolling() {
    if (!polling && !stopped) {
      polling = true;
      schedule();
    }
  }

  private void schedule() {
    try {
      scheduler.schedule(this::poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      polling = false; // the transport is closing; every connection is being aborted
    }
  }

  private void poll() {
    long delta;
    synchronized (this) {
      if (stopped) {
        polling = false;
        return;
      }
      long queued = ws.queueSize();
      delta = handed - queued - reported;
      reported += Math.max(0, delta);
      feed(queued);
      if (handed > reported || !held.isEmpty()) {
        schedule();
      } else {
        polling = false;
      }
    }
    if (delta > 0) {
      transmitted.accept(delta);
    }
  }

  private void feed(long queued) {
    long q = queued;
    while (!held.isEmpty()) {
      Pending next = held.peek();
      if (q + next.size > OKHTTP_QUEUE_CAP) {
        return;
      }
      held.poll();
      handOver(next);
      q += next.size;
    }
    if (heldCloseCode != null) {
      int code = heldCloseCode;
      heldCloseCode = null;
      closeNow(code, heldCloseReason);
    }
  }

  /** A message not yet handed to OkHttp: text or bytes, and its size in application bytes. */
  private record Pending(String text, ByteString bytes, long size) {}
}
