package dev.duplex.transport.jetty;

import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what a transport reports about one connection and checks the spi's listener contract
 * as it goes: callbacks never overlap, {@code opened} comes first, exactly one terminal callback
 * comes last. Threading: callbacks from any thread; the await methods from the test thread.
 */
final class Recorder implements ConnectionListener {
  static final Duration WAIT = Duration.ofSeconds(10);

  /** One callback. */
  record Event(String kind, Handshake handshake, String text, byte[] bytes, int code,
      boolean wasClean, Throwable cause) {
    boolean terminal() {
      return kind.equals("closed") || kind.equals("failed");
    }

    @Override
    public String toString() {
      return kind + (text != null ? "(" + abbreviate(text) + ")" : "")
          + (kind.startsWith("clos") ? "[" + code + (kind.equals("closed") ? "," + wasClean : "") + "]" : "")
          + (cause != null ? "<" + cause + ">" : "");
    }

    private static String abbreviate(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    }
  }

  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final List<Event> all = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicLong transmitted = new AtomicLong();
  private final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile Runnable onText = () -> {};

  /** @param action run inside every {@code text} callback (for example to throw) */
  void onText(Runnable action) {
    this.onText = action;
  }

  @Override
  public void opened(Handshake handshake) {
    record(new Event("opened", handshake, null, null, 0, false, null));
  }

  @Override
  public void text(String text) {
    record(new Event("text", null, text, null, 0, false, null));
    onText.run();
  }

  @Override
  public void binary(ByteBuffer data) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    record(new Event("binary", null, null, b, 0, false, null));
  }

  @Override
  public void closing(int code, String reason) {
    record(new Event("closing", null, reason, null, code, false, null));
  }

  @Override
  public void closed(int code, String reason, boolean wasClean) {
    record(new Event("closed", null, reason, null, code, wasClean, null));
  }

  @Override
  public void failed(Throwable cause) {
    record(new Event("failed", null, null, null, 0, false, cause));
  }

  @Override
  public void transmitted(long bytes) {
    enter();
    try {
      synchronized (this) {
        if (!all.isEmpty() && all.get(all.size() - 1).terminal()) {
          violations.add("transmitted after the terminal callback");
        }
      }
      synchronized (this) {
        transmitted.addAndGet(bytes);
        notifyAll();
      }
    } finally {
      inside.decrementAndGet();
    }
  }

  private void record(Event e) {
    enter();
    try {
      synchronized (this) {
        if (!all.isEmpty() && all.get(all.size() - 1).terminal()) {
          violations.add(e + " after the terminal callback");
        }
        if (all.isEmpty() && !e.kind().equals("opened") && !e.kind().equals("failed")) {
          violations.add(e + " before opened");
        }
        all.add(e);
      }
      queue.add(e);
    } finally {
      inside.decrementAndGet();
    }
  }

  private void enter() {
    threads.add(Thread.currentThread().getName());
    if (inside.incrementAndGet() != 1) {
      synchronized (this) {
        violations.add("two callbacks overlapped on " + Thread.currentThread().getName());
      }
    }
  }

  Event next() {
    try {
      Event e = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("No callback within " + WAIT + "; so far " + history());
      }
      return e;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ie);
    }
  }

  Event next(String kind) {
    Event e = next();
    if (!e.kind().equals(kind)) {
      throw new AssertionError("Expected " + kind + " but got " + e + "; so far " + history());
    }
    return e;
  }

  Handshake awaitOpened() {
    return next("opened").handshake();
  }

  String awaitText() {
    return next("text").text();
  }

  Event awaitTerminal() {
    while (true) {
      Event e = next();
      if (e.terminal()) {
        return e;
      }
    }
  }

  /** @return the terminal event, which must be a failure */
  Throwable awaitFailed() {
    Event e = awaitTerminal();
    if (!e.kind().equals("failed")) {
      throw new AssertionError("Expected the connection to fail, but: " + history());
    }
    return e.cause();
  }

  /** Waits until the sum of {@code transmitted} reports reaches {@code bytes}, at most WAIT. */
  synchronized long awaitTransmitted(long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long left;
    while (transmitted.get() < bytes && (left = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return transmitted.get();
  }

  /** @return the names of the threads callbacks came from */
  java.util.Set<String> threads() {
    return java.util.Set.copyOf(threads);
  }

  long transmitted() {
    return transmitted.get();
  }

  synchronized List<Event> history() {
    return List.copyOf(all);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Waits up to {@link #WAIT} for {@code counter} to reach {@code expected}, for counts reported
   * a moment after the event a test saw.
   *
   * @return the counter's value when it reached {@code expected} or the wait ended
   */
  static long awaitValue(java.util.concurrent.atomic.AtomicLong counter, long expected)
      throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (counter.get() < expected && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    return counter.get();
  }
}
