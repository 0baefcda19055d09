package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.WebSocketContext;
import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * W3C section 9: when the context goes away ("a Document goes away") open sockets close with
 * 1001 and connecting ones fail; an open socket nobody can reach any more is garbage collected
 * with an empty Close frame.
 *
 * <p>When one fails, check that {@code abort()} closes a connecting socket at once and that
 * {@code close(1001, "")} and {@code close(1005, "")} reach the wire.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface W3cSection9Lifetime extends ClauseGroup {

  /** Verifies closing the context sends Close 1001 on an open socket. */
  @Test
  @Clause(value = "W3C 9 (make disappear: OPEN -> 1001)", summary = "closing the context closes open sockets with 1001")
  default void required_w3c9_contextClose_closesOpenSocketsWith1001() {
    WebSocketContext ctx = kit().context(b -> {});
    ApiSocket s = kit().open(ctx, kit().fixture().uri("/").toString());
    FixturePeer peer = kit().fixture().acceptOpen();
    s.awaitOpen();
    ctx.close();
    ReceivedFrame close = peer.readFrame(Frame.CLOSE);
    assertEquals(1001, close.closeCode(), "code sent when the context goes away");
  }

  /** Verifies closing the context fails a socket that is still connecting (TCP closed, no handshake). */
  @Test
  @Clause(value = "W3C 9 (make disappear: CONNECTING -> fail)", summary = "closing the context fails connecting sockets")
  default void required_w3c9_contextClose_failsConnectingSockets() {
    WebSocketContext ctx = kit().context(b -> {});
    ApiSocket s = kit().open(ctx, kit().fixture().uri("/").toString());
    FixturePeer peer = kit().fixture().accept();
    peer.readHandshake();
    ctx.close();
    peer.awaitEof();
    assertTrue(s.history().stream().noneMatch(e -> e.type().equals("open")), "no open event: " + s.history());
  }

  /**
   * Verifies an unreachable open socket without message/error/close listeners is closed with no
   * status.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Test
  @Clause(value = "W3C 9 (garbage collection: empty Close)", requires = Capability.EMPTY_CLOSE_FRAME, summary = "a collected open socket sends an empty Close frame")
  default void required_w3c9_gc_closesUnreachableOpenSocketWithEmptyCloseFrame() throws InterruptedException {
    CountDownLatch opened = new CountDownLatch(1);
    kit().open(kit().context(), kit().fixture().uri("/gc").toString(), List.of(), ws -> ws.onopen(e -> opened.countDown()));
    FixturePeer peer = kit().fixture().acceptOpen();
    assertTrue(opened.await(Timeouts.WAIT.toMillis(), TimeUnit.MILLISECONDS), "the socket opened");
    AtomicBoolean done = new AtomicBoolean();
    Thread collector = new Thread(() -> {
      while (!done.get()) {
        System.gc();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "tck-gc");
    collector.setDaemon(true);
    collector.start();
    try {
      ReceivedFrame close = peer.readFrame(Frame.CLOSE);
      assertEquals(0, close.payload().length, "the Close frame of a collected socket has no status code");
    } finally {
      done.set(true);
    }
  }
}
