package dev.duplex.transport.nio;

import dev.duplex.tck.client.HandlerLog.Run;
import dev.duplex.tck.client.InlineDispatchScenarios;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Inline dispatch through the W3C api's default event loop ({@link InlineDispatchScenarios}):
 * handlers run on the selector thread that read the message while the context's loop is idle;
 * their replies are written once the delivery ends, a large one on the socket being delivered at
 * once, inside the send (the selector thread writes it through, masking the application's bytes
 * directly); yet no listener call ever comes from inside a call into the transport: the bytes
 * written, a write that fails inside a send, a close meeting a send still being written and the
 * engine aborting a socket are all reported after the call has returned.
 *
 * <p>Threading: JUnit's thread plays the application's; handlers run on the context's loop.
 */
class NioInlineDispatchTest {
  /** A selector thread of the transport ({@code duplex-nio-N-selector-M}). */
  private static final Pattern SELECTOR = Pattern.compile("duplex-nio-\\d+-selector-\\d+");

  private static boolean onSelector(Run r) {
    return r.inline() && SELECTOR.matcher(r.thread()).matches();
  }

  @Test
  void inlineDispatch_runsHandlersOnTheSelectorThreadInsideTheCallback() throws Exception {
    InlineDispatchScenarios.runsHandlersInline(new NioTransportProvider(),
        NioInlineDispatchTest::onSelector, thread -> SELECTOR.matcher(thread).matches());
  }

  @Test
  void w3c_send_takesTheBytesAtTheCallFromAHandlerAndFromTheApplication() throws Exception {
    InlineDispatchScenarios.sendTakesTheBytesAtTheCall(new NioTransportProvider());
  }

  @Test
  void inlineDispatch_sendsFromTheApplicationThreadNeverRunTheListenerInside() throws Exception {
    InlineDispatchScenarios.sendsFromTheApplicationThread(new NioTransportProvider());
  }

  /** A handler's send on another socket of the same selector: reported after the send. */
  @Test
  void inlineDispatch_handlerSendingOnAnotherSocketGetsNoCallbackInsideTheSend() throws Exception {
    InlineDispatchScenarios.handlerSendsOnAnotherSocket(new NioTransportProvider());
  }

  /**
   * A large reply written through to a reset peer fails inside the send; the failure is
   * reported after it.
   */
  @Test
  void inlineDispatch_errorPathsInsideAHandlerGetNoCallbackInsideTheCall() throws Exception {
    InlineDispatchScenarios.errorPathsInsideAnInlineHandler(new NioTransportProvider(),
        NioInlineDispatchTest::onSelector);
  }

  @Test
  void inlineDispatch_handlersThatSendAndCloseKeepOrder() throws Exception {
    InlineDispatchScenarios.handlersThatSendAndCloseKeepOrder(new NioTransportProvider());
  }

  @Test
  void inlineDispatch_handlerThatBlocksHoldsUpNothingElseAndLosesNothing() throws Exception {
    InlineDispatchScenarios.handlerThatBlocksLosesNothing(new NioTransportProvider(),
        NioInlineDispatchTest::onSelector);
  }
}
