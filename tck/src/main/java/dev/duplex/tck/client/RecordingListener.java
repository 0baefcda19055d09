package dev.duplex.tck.client;

import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.client.TransportEvent.Kind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ConnectionListener} that records every callback so a test can wait for them in order
 * and check the listener contract (one {@code opened} first, exactly one terminal callback last,
 * nothing after it).
 *
 * <p>{@link Kind#TRANSMITTED} callbacks are summed into {@link #transmittedBytes()} rather than
 * queued, since transports may report them in any grouping.
 *
 * <p>Threading: the callbacks may come from any transport thread; the {@code await} methods are
 * for one test thread.
 */
public final class RecordingListener implements ConnectionListener {
  private final BlockingQueue<TransportEvent> queue = new LinkedBlockingQueue<>();
  private final List<TransportEvent> all = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final AtomicLong transmitted = new AtomicLong();
  private boolean terminated;

  /** Creates an empty recorder. */
  public RecordingListener() {}

  @Override
  public void opened(Handshake handshake) {
    record(new TransportEvent(Kind.OPENED, handshake, null, null, 0, false, null, thread()));
  }

  @Override
  public void text(String text) {
    record(new TransportEvent(Kind.TEXT, null, text, null, 0, false, null, thread()));
  }

  @Override
  public void binary(ByteBuffer data) {
    record(new TransportEvent(Kind.BINARY, null, null, data, 0, false, null, thread()));
  }

  @Override
  public void closing(int code, String reason) {
    record(new TransportEvent(Kind.CLOSING, null, reason, null, code, false, null, thread()));
  }

  @Override
  public void closed(int code, String reason, boolean wasClean) {
    record(new TransportEvent(Kind.CLOSED, null, reason, null, code, wasClean, null, thread()));
  }

  @Override
  public void failed(Throwable cause) {
    record(new TransportEvent(Kind.FAILED, null, null, null, 0, false, cause, thread()));
  }

  @Override
  public void transmitted(long bytes) {
    synchronized (this) {
      if (terminated) {
        violations.add("transmitted(" + bytes + ") after the terminal callback");
      }
    }
    transmitted.addAndGet(bytes);
  }

  /** @return the sum of every {@code transmitted} report so far */
  public long transmittedBytes() {
    return transmitted.get();
  }

  /**
   * Waits for the next recorded callback (other than {@code transmitted}).
   *
   * @return the event
   * @throws AssertionError if none arrives within {@link Timeouts#WAIT}
   */
  public TransportEvent next() {
    try {
      TransportEvent e = queue.poll(Timeouts.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("The transport made no callback within " + Timeouts.WAIT.toSeconds()
            + " s; so far: " + history());
      }
      return e;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a callback", ie);
    }
  }

  /**
   * Waits for the next callback and checks its kind.
   *
   * @param kind the expected kind
   * @return the event
   */
  public TransportEvent next(Kind kind) {
    TransportEvent e = next();
    if (e.kind() != kind) {
      throw new AssertionError("Expected the transport to report " + kind + " but it reported " + e
          + "; so far: " + history());
    }
    return e;
  }

  /** @return the handshake of the {@code opened} callback, which must come next */
  public Handshake awaitOpened() {
    return next(Kind.OPENED).handshake();
  }

  /** @return the next text message, which must come next */
  public String awaitText() {
    return next(Kind.TEXT).text();
  }

  /** @return the next binary message's bytes, which must come next */
  public byte[] awaitBinary() {
    ByteBuffer b = next(Kind.BINARY).binary().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /**
   * Skips everything until the terminal callback.
   *
   * @return the terminal event
   */
  public TransportEvent awaitTerminal() {
    while (true) {
      TransportEvent e = next();
      if (e.terminal()) {
        return e;
      }
    }
  }

  /**
   * Waits for the connection to fail: the next non-message callback must be {@code failed}
   * ("fail the WebSocket connection"). Messages delivered before it are skipped.
   *
   * @return the cause reported
   */
  public Throwable awaitFailed() {
    while (true) {
      TransportEvent e = next();
      if (e.kind() == Kind.FAILED) {
        return e.cause();
      }
      if (e.kind() != Kind.TEXT && e.kind() != Kind.BINARY) {
        throw new AssertionError("Expected the transport to fail the connection but it reported " + e
            + "; so far: " + history());
      }
    }
  }

  /** @return whether a terminal callback has been recorded */
  public synchronized boolean terminated() {
    return terminated;
  }

  /** @return every callback so far (except transmitted), in order */
  public synchronized List<TransportEvent> history() {
    return List.copyOf(all);
  }

  /** @return contract violations seen (callbacks before opened or after the terminal one) */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  private void record(TransportEvent e) {
    synchronized (this) {
      if (terminated) {
        violations.add(e + " after the terminal callback");
      }
      if (e.kind() == Kind.OPENED && !all.isEmpty()) {
        violations.add("opened after " + all);
      }
      if (e.kind() != Kind.OPENED && e.kind() != Kind.FAILED && all.isEmpty()) {
        violations.add(e + " before opened");
      }
      terminated |= e.terminal();
      all.add(e);
    }
    queue.add(e);
  }

  private static String thread() {
    return Thread.currentThread().getName();
  }
}
