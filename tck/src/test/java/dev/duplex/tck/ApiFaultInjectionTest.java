package dev.duplex.tck;

import static dev.duplex.tck.FaultRun.assertBreaks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The kit tests itself where only the api can break a clause: the correct reference transport
 * under an api with exactly one {@link ApiFault} must fail exactly the clauses that fault breaks
 * ({@link Breaks}). The api implements these W3C algorithms once, on top of every transport, so
 * {@link FaultInjectionTest}'s transport faults cannot reach them; {@link FaultyApi} stands between
 * the kit and the real api instead. Each test runs the whole kit through the JUnit Platform test
 * kit.
 */
class ApiFaultInjectionTest {

  @Test
  @Breaks("required_w3c4_close_rejectsInvalidCodeWithInvalidAccessError")
  void wrapCloseCode_shouldFailBy_w3c4_close_rejectsInvalidCodeWithInvalidAccessError(TestInfo test) {
    assertBreaks(ApiFault.WRAP_CLOSE_CODE, test);
  }

  @Test
  @Breaks("required_w3c4_close_rejectsReasonOver123BytesWithSyntaxError")
  void truncateLongReason_shouldFailBy_w3c4_close_rejectsReasonOver123BytesWithSyntaxError(TestInfo test) {
    assertBreaks(ApiFault.TRUNCATE_LONG_REASON, test);
  }

  @Test
  @Breaks("required_w3c7_constructor_rejectsInvalidUrlWithSyntaxError")
  void ignoreUrlFragment_shouldFailBy_w3c7_constructor_rejectsInvalidUrlWithSyntaxError(TestInfo test) {
    assertBreaks(ApiFault.IGNORE_URL_FRAGMENT, test);
  }

  @Test
  @Breaks("required_w3c4_constructor_rejectsInvalidProtocolsWithSyntaxError")
  void mergeDuplicateProtocols_shouldFailBy_w3c4_constructor_rejectsInvalidProtocolsWithSyntaxError(TestInfo test) {
    assertBreaks(ApiFault.MERGE_DUPLICATE_PROTOCOLS, test);
  }

  @Test
  @Breaks("required_w3c4_constructor_blocksBadPortsWithSecurityError")
  void blockNoPort_shouldFailBy_w3c4_constructor_blocksBadPortsWithSecurityError(TestInfo test) {
    assertBreaks(ApiFault.BLOCK_NO_PORT, test);
  }

  @Test
  @Breaks("required_w3c4_constructor_rejectsMixedContentWithSecurityError")
  void allowMixedContent_shouldFailBy_w3c4_constructor_rejectsMixedContentWithSecurityError(TestInfo test) {
    assertBreaks(ApiFault.ALLOW_MIXED_CONTENT, test);
  }

  @Test
  @Breaks({
      "required_w3c4_binaryType_defaultsToBlobAndSwitches",
      "required_w3c5_message_deliversEachDataType"})
  void ignoreBinaryType_shouldFailBy_w3c4_binaryType_defaultsToBlobAndSwitches(TestInfo test) {
    assertBreaks(ApiFault.IGNORE_BINARY_TYPE, test);
  }

  @Test
  @Breaks("required_w3c4_send_throwsInvalidStateErrorWhileConnecting")
  void dropSendWhileConnecting_shouldFailBy_w3c4_send_throwsInvalidStateErrorWhileConnecting(TestInfo test) {
    assertBreaks(ApiFault.DROP_SEND_WHILE_CONNECTING, test);
  }

  @Test
  @Breaks("required_w3c4_send_afterCloseOnlyIncreasesBufferedAmount")
  void dropSendAfterClose_shouldFailBy_w3c4_send_afterCloseOnlyIncreasesBufferedAmount(TestInfo test) {
    assertBreaks(ApiFault.DROP_SEND_AFTER_CLOSE, test);
  }

  @Test
  @Breaks("required_w3c4_send_closesWithPrejudiceWhenBufferIsFull")
  void noBufferLimit_shouldFailBy_w3c4_send_closesWithPrejudiceWhenBufferIsFull(TestInfo test) {
    assertBreaks(ApiFault.NO_BUFFER_LIMIT, test);
  }

  // every clause that waits for error then close sees them swapped
  @Test
  @Breaks({
      "required_w3c4_close_duringConnectingFailsConnection",
      "required_w3c4_send_closesWithPrejudiceWhenBufferIsFull",
      "required_w3c5_fail_firesErrorThenClose1006",
      "required_w3c5_fail_hidesWhyTheConnectionFailed",
      "required_w3c5_fail_protocolErrorAfterOpenFiresErrorThenClose"})
  void errorAfterClose_shouldFailBy_w3c5_fail_firesErrorThenClose1006(TestInfo test) {
    assertBreaks(ApiFault.ERROR_AFTER_CLOSE, test);
  }

  @Test
  @Breaks("required_w3c5_message_dropsMessagesAfterClose")
  void dispatchMessagesAfterClose_shouldFailBy_w3c5_message_dropsMessagesAfterClose(TestInfo test) {
    assertBreaks(ApiFault.DISPATCH_MESSAGES_AFTER_CLOSE, test);
  }
}
