package dev.duplex.transport.jetty;

import dev.duplex.tck.client.HandlerLog.Run;
import dev.duplex.tck.client.InlineDispatchScenarios;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inline dispatch through the W3C api's default event loop ({@link InlineDispatchScenarios}):
 * with a client of its own the transport allows it, so handlers run on the pool thread that
 * reported the event while the context's loop is idle, and no callback ever comes from the
 * scheduler's thread or from inside a call into the transport, also when Jetty completes a write
 * inside a send, a write fails inside a send, a close meets a send still being written or the
 * engine aborts a socket. A handed-in client keeps handlers on the context's thread.
 *
 * <p>Threading: JUnit's thread plays the application's; handlers run on the context's loop.
 */
@ExtendWith(NoJettyWarnings.class)
class JettyInlineDispatchTest {
  /** A thread of the pool of a transport's own client ({@code duplex-jetty-N-id}). */
  private static final Pattern POOL_THREAD = Pattern.compile("duplex-jetty-\\d+-\\d+");

  private static boolean onPool(Run r) {
    return r.inline() && POOL_THREAD.matcher(r.thread()).matches();
  }

  @Test
  void inlineDispatch_ownClient_runsHandlersOnItsPoolInsideTheCallback() throws Exception {
    InlineDispatchScenarios.runsHandlersInline(new JettyTransportProvider(),
        JettyInlineDispatchTest::onPool, thread -> POOL_THREAD.matcher(thread).matches());
  }

  @Test
  void inlineDispatch_handedInClient_keepsHandlersOnTheContextsThread() throws Exception {
    HttpClient http = new HttpClient();
    http.start();
    try {
      InlineDispatchScenarios.keepsHandlersOnTheContextsThread(new JettyTransportProvider(http));
    } finally {
      http.stop();
    }
  }

  @Test
  void w3c_send_takesTheBytesAtTheCallFromAHandlerAndFromTheApplication() throws Exception {
    InlineDispatchScenarios.sendTakesTheBytesAtTheCall(new JettyTransportProvider());
  }

  @Test
  void inlineDispatch_sendsFromTheApplicationThreadNeverRunTheListenerInside() throws Exception {
    InlineDispatchScenarios.sendsFromTheApplicationThread(new JettyTransportProvider());
  }

  /** Jetty completes the write inside {@code sendText} when the socket takes it at once. */
  @Test
  void inlineDispatch_handlerSendingOnAnotherSocketGetsNoCallbackInsideTheSend() throws Exception {
    InlineDispatchScenarios.handlerSendsOnAnotherSocket(new JettyTransportProvider());
  }

  /** Jetty ends a session inside a send whose write fails, and inside {@code abort}. */
  @Test
  void inlineDispatch_errorPathsInsideAHandlerGetNoCallbackInsideTheCall() throws Exception {
    InlineDispatchScenarios.errorPathsInsideAnInlineHandler(new JettyTransportProvider(),
        JettyInlineDispatchTest::onPool);
  }

  @Test
  void inlineDispatch_handlersThatSendAndCloseKeepOrder() throws Exception {
    InlineDispatchScenarios.handlersThatSendAndCloseKeepOrder(new JettyTransportProvider());
  }

  @Test
  void inlineDispatch_handlerThatBlocksHoldsUpNothingElseAndLosesNothing() throws Exception {
    InlineDispatchScenarios.handlerThatBlocksLosesNothing(new JettyTransportProvider(),
        JettyInlineDispatchTest::onPool);
  }
}
