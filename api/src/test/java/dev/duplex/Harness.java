package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A context over a {@link ScriptedTransport}, for one test.
 *
 * <p>Threading: used by the test thread.
 */
final class Harness implements AutoCloseable {
  final ScriptedTransport transport = new ScriptedTransport();
  final WebSocketContext context;

  Harness() {
    this(b -> b);
  }

  Harness(UnaryOperator<WebSocketContext.Builder> configure) {
    context = configure.apply(WebSocketContext.builder().name("test").transport(transport)).build();
  }

  /** Opens a socket with a recorder attached race-free, and returns its connection. */
  Opened open(String url, String... protocols) throws InterruptedException {
    Recorder r = new Recorder();
    WebSocket ws = context.open(url, java.util.List.of(protocols), r::attach);
    return new Opened(ws, r, transport.next());
  }

  /** Opens a socket and completes its opening handshake. */
  Opened openAndEstablish() throws InterruptedException {
    Opened o = open("ws://example.com/chat");
    o.conn.open();
    String first = o.recorder.next();
    if (!first.equals("open")) {
      throw new AssertionError("Expected the open event, got " + first);
    }
    return o;
  }

  /**
   * Waits until the context's loop has dispatched everything the transport reported before this
   * call. Two rounds: a drain running during the first may re-queue itself behind the first
   * marker task, but always before the second.
   */
  void idle() throws InterruptedException {
    for (int round = 0; round < 2; round++) {
      CountDownLatch done = new CountDownLatch(1);
      context.run(done::countDown);
      assertTrue(done.await(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS), "the loop is stuck");
    }
  }

  /**
   * Blocks the context's loop until the returned handle is closed, so that the test can make
   * things happen "before the next task runs".
   */
  Hold hold() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    context.run(() -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(holding.await(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS), "the loop is stuck");
    return release::countDown;
  }

  /** A blocked loop; closing it lets the loop go on. */
  interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public void close() {
    context.close();
  }

  /** A socket, its recorder and its scripted connection. */
  static final class Opened {
    final WebSocket ws;
    final Recorder recorder;
    final ScriptedTransport.Conn conn;

    Opened(WebSocket ws, Recorder recorder, ScriptedTransport.Conn conn) {
      this.ws = ws;
      this.recorder = recorder;
      this.conn = conn;
    }
  }
}
