package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.HandlerLog.Run;
import dev.duplex.tck.client.InlineDispatchScenarios;
import dev.duplex.tck.client.SpiBoundary;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.JettyServer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Inline dispatch through the W3C api's default event loop ({@link InlineDispatchScenarios}):
 * with a client of its own the transport allows it, so handlers run on the socket's reader thread
 * while the context's loop is idle; callbacks come only from the reader or the transport's
 * callback threads, never from OkHttp's shared {@code TaskRunner} or the poller, and never from
 * inside a call into the transport ({@link SpiBoundary}), also when a send fails, a close meets a
 * send still being written or a socket is aborted. A handed-in client keeps handlers on the
 * context's thread. At the spi: a callback that blocks holds up no other connection's reports,
 * and the clean close that {@code abort} releases is reported after it.
 *
 * <p>Threading: JUnit's thread plays the application's; handlers run on the context's loop.
 */
class OkHttpInlineDispatchTest {
  private static final long WAIT = 10;
  /** OkHttp names a call's thread, which reads the WebSocket, after the redacted URL. */
  private static final String READER = "OkHttp http";
  /** The transport's threads for reports made elsewhere. */
  private static final String CALLBACKS = "duplex-okhttp-callbacks";

  private static boolean onReader(Run r) {
    return r.inline() && r.thread().startsWith(READER);
  }

  /** Inline on the reader or on a callback thread: the handlers reporting the server's end. */
  private static boolean onTransportThread(Run r) {
    return r.inline() && (r.thread().startsWith(READER) || r.thread().startsWith(CALLBACKS));
  }

  @Test
  void inlineDispatch_ownClient_runsHandlersOnTheReaderInsideTheCallback() throws Exception {
    InlineDispatchScenarios.runsHandlersInline(new OkHttpTransportProvider(),
        OkHttpInlineDispatchTest::onTransportThread,
        thread -> thread.startsWith(READER) || thread.startsWith(CALLBACKS));
  }

  @Test
  void inlineDispatch_handedInClient_keepsHandlersOnTheContextsThread() throws Exception {
    OkHttpClient app = new OkHttpClient();
    try {
      InlineDispatchScenarios.keepsHandlersOnTheContextsThread(new OkHttpTransportProvider(app));
    } finally {
      app.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void w3c_send_takesTheBytesAtTheCallFromAHandlerAndFromTheApplication() throws Exception {
    InlineDispatchScenarios.sendTakesTheBytesAtTheCall(new OkHttpTransportProvider());
  }

  @Test
  void inlineDispatch_sendsFromTheApplicationThreadNeverRunTheListenerInside() throws Exception {
    InlineDispatchScenarios.sendsFromTheApplicationThread(new OkHttpTransportProvider());
  }

  @Test
  void inlineDispatch_handlerSendingOnAnotherSocketGetsNoCallbackInsideTheSend() throws Exception {
    InlineDispatchScenarios.handlerSendsOnAnotherSocket(new OkHttpTransportProvider());
  }

  @Test
  void inlineDispatch_errorPathsInsideAHandlerGetNoCallbackInsideTheCall() throws Exception {
    InlineDispatchScenarios.errorPathsInsideAnInlineHandler(new OkHttpTransportProvider(),
        OkHttpInlineDispatchTest::onReader);
  }

  @Test
  void inlineDispatch_handlersThatSendAndCloseKeepOrder() throws Exception {
    InlineDispatchScenarios.handlersThatSendAndCloseKeepOrder(new OkHttpTransportProvider());
  }

  @Test
  void inlineDispatch_handlerThatBlocksHoldsUpNothingElseAndLosesNothing() throws Exception {
    InlineDispatchScenarios.handlerThatBlocksLosesNothing(new OkHttpTransportProvider(),
        OkHttpInlineDispatchTest::onReader);
  }

  /** Opens, records transmitted, and blocks in {@code text} until released. */
  private static final class Slow implements ConnectionListener {
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch inText = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicLong transmitted = new AtomicLong();
    final boolean blocks;

    Slow(boolean blocks) {
      this.blocks = blocks;
    }

    @Override public void opened(Handshake handshake) { opened.countDown(); }
    @Override public void text(String text) {
      inText.countDown();
      if (blocks) {
        try {
          release.await(WAIT, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    @Override public void binary(ByteBuffer data) {}
    @Override public void closing(int code, String reason) {}
    @Override public void closed(int code, String reason, boolean wasClean) {}
    @Override public void failed(Throwable cause) {}
    @Override public void transmitted(long bytes) { transmitted.addAndGet(bytes); }
  }

  @Test
  void spi_aCallbackThatBlocksHoldsUpNoOtherConnectionsReports() throws Exception {
    try (JettyServer server = JettyServer.start();
        Transport t = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
      Slow a = new Slow(true);
      Slow b = new Slow(false);
      Connection ca = t.connect(ConnectRequest.builder(server.uri("/echo")).build(), a);
      Connection cb = t.connect(ConnectRequest.builder(server.uri("/echo")).build(), b);
      assertTrue(a.opened.await(WAIT, TimeUnit.SECONDS) && b.opened.await(WAIT, TimeUnit.SECONDS));
      try {
        ca.sendText("block");
        assertTrue(a.inText.await(WAIT, TimeUnit.SECONDS), "a's echo was not reported");
        ca.sendText("more"); // its transmitted report now waits for a's callback to return
        Thread.sleep(50); // the poller has reported it (or tried to)
        cb.sendText("hello");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (b.transmitted.get() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertEquals(5, b.transmitted.get(),
            "b's transmitted waited for a's blocked callback (the poller serves both)");
      } finally {
        a.release.countDown();
      }
      ca.close(1000, "");
      cb.close(1000, "");
    }
  }

  @Test
  void spi_abortWhileTheCleanCloseWaitsForTcpReportsNothingInsideAbort() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new OkHttpTransportProvider());
    try (FixtureServer server = FixtureServer.start()) {
      Harness harness = new Harness(boundary, TransportConfig.defaults());
      try {
        Client client = harness.connect(server.uri("/"));
        FixturePeer peer = server.acceptOpen();
        client.events().awaitOpened();
        peer.send(Frame.close(1000, "bye"));
        assertTrue(peer.readFrame(Frame.CLOSE).isClose());
        client.events().next(Kind.CLOSING);
        Thread.sleep(200); // OkHttp has ended the WebSocket; its report waits for TCP to close
        client.connection().abort(); // closes TCP on this thread: the report is released
        assertTrue(client.events().awaitTerminal().terminal());
        assertEquals(List.of(), boundary.violations(), "the clean close reported inside abort");
        peer.awaitEof();
      } finally {
        harness.close();
      }
    }
  }
}
