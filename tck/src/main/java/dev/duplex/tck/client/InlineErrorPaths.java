package dev.duplex.tck.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.tck.client.HandlerLog.Run;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.JettyServer;
import java.util.List;
import java.util.function.Predicate;

/**
 * The error paths of a transport's {@code Connection} methods, driven from a handler that the
 * transport runs inline, where a callback the transport made inside its own call would run on
 * that same thread and re-enter the engine: a send to a socket whose peer was just reset (the
 * write fails inside the send), a close of a socket while a large send to it is still being
 * written, and a send past the buffer limit, which the engine answers by aborting the socket
 * (close with prejudice). Every callback must come after those calls, not inside them ({@link
 * SpiBoundary}); every socket must still end as the W3C API says.
 *
 * <p>Threading: call {@link #run} from the test's thread.
 */
public final class InlineErrorPaths {
  /** The buffer limit the context must have, in bytes: the large send stays under it. */
  public static final long BUFFER_LIMIT = 16L << 20;
  /** A send still being written when the close comes: more than loopback buffers hold. */
  private static final int LARGE = 12 << 20;

  private InlineErrorPaths() {}

  /**
   * Runs the error paths once.
   *
   * @param context a context over {@code boundary}, with a buffer limit of {@link #BUFFER_LIMIT}
   * @param server the kit's Jetty server, for the socket whose handler drives the calls and the
   *     one sent past its limit
   * @param fixture the kit's raw server, for the peers that vanish or read slowly
   * @param boundary the provider under test, wrapped
   * @param ranInline whether a handler's run was inline on one of the transport's threads
   * @throws InterruptedException if interrupted while waiting
   */
  public static void run(WebSocketContext context, JettyServer server, FixtureServer fixture,
      SpiBoundary boundary, Predicate<Run> ranInline) throws InterruptedException {
    HandlerLog goneLog = new HandlerLog();
    WebSocket gone = context.open(fixture.uri("/gone").toString(), List.of(), goneLog::attach);
    FixturePeer gonePeer = fixture.acceptOpen();
    goneLog.awaitOpen();
    HandlerLog busyLog = new HandlerLog();
    WebSocket busy = context.open(fixture.uri("/busy").toString(), List.of(), busyLog::attach);
    FixturePeer busyPeer = fixture.acceptOpen();
    busyLog.awaitOpen();
    HandlerLog cappedLog = new HandlerLog();
    WebSocket capped = context.open(server.uri("/echo").toString(), List.of(), cappedLog::attach);
    cappedLog.awaitOpen();

    HandlerLog driverLog = new HandlerLog();
    WebSocket driver = context.open(server.uri("/echo").toString(), List.of(), ws -> {
      driverLog.attach(ws);
      ws.onmessage(e -> {
        driverLog.record(Run.now(HandlerLog.text(e)));
        gonePeer.reset();
        for (int i = 0; i < 50; i++) {
          gone.send(new byte[16 << 10]); // the peer is gone: a write fails inside a send
        }
        busy.send(new byte[LARGE]);
        busy.close(1000, "done"); // while the large send is still being written
        capped.send(new byte[(int) BUFFER_LIMIT + 1]); // past the limit: the engine aborts
      });
    });
    driverLog.awaitOpen();
    driver.send("go");
    Run drove = driverLog.next();
    assertEquals("go", drove.what());
    assertTrue(ranInline.test(drove),
        "the handler must run inline on the transport's thread for the check to mean anything: "
            + drove);

    assertTrue(busyPeer.readFrame(Frame.CLOSE).isClose(), "the Close after the large message");
    busyPeer.send(Frame.close(1000, "done"));
    busyPeer.close();
    busyLog.awaitClose(1000, true);
    goneLog.awaitClose(1006, false);
    cappedLog.awaitClose(1006, false);
    driver.close(1000, "done");
    driverLog.awaitClose(1000, true);
    assertEquals(List.of(), boundary.violations(),
        "callbacks from inside a call into the transport");
  }
}
