package dev.duplex.tck;

import static dev.duplex.tck.FaultRun.assertBreaks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.tck.reference.Fault;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The kit tests itself: the reference transport with exactly one {@link Fault} switched on must
 * fail exactly the clauses that fault breaks ({@link Breaks}), no fewer (the clause can fail) and
 * no more (each clause checks one thing). Each test runs the whole kit through the JUnit Platform
 * test kit.
 *
 * <p>A fault is named after the RFC clause it breaks; where the same behaviour is also visible
 * through the W3C api (Origin, close codes, bufferedAmount) or to a real server that enforces the
 * RFC (Jetty rejects a wrong version or unmasked frames), those clauses fail too and are listed.
 * {@link ApiFaultInjectionTest} does the same for the clauses that only the api can break.
 */
class FaultInjectionTest {

  @Test
  void noFault_shouldFailNothing() {
    assertEquals(Set.of(), FaultRun.failuresWithoutFault(), "the correct reference transport fails no clause");
  }

  @Test
  @Breaks({
      "required_rfc6455_4_1_sendsGetWithResourceName",
      "required_w3c4_constructor_startsConnectingWithInitialAttributes"})
  void dropQuery_shouldFailBy_rfc6455_4_1_sendsGetWithResourceName(TestInfo test) {
    assertBreaks(Fault.DROP_QUERY, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_sendsHostHeader")
  void hostWithoutPort_shouldFailBy_rfc6455_4_1_sendsHostHeader(TestInfo test) {
    assertBreaks(Fault.HOST_WITHOUT_PORT, test);
  }

  @Test
  @Breaks({
      "optional_proxy_tunnelsWss",
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "optional_tls_connectsWithTrustedCertificate",
      "required_rfc6455_4_1_reportsJettyProtocolAndCookie",
      "required_rfc6455_4_1_sendsUpgradeConnectionAndVersion",
      "required_rfc6455_6_2_receivesManyMessagesInOrder",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_rfc6455_7_1_2_closesCleanlyWithJetty",
      "optional_tls_skipsHostNameCheckWhenDisabled"})
  void wrongVersion_shouldFailBy_rfc6455_4_1_sendsUpgradeConnectionAndVersion(TestInfo test) {
    assertBreaks(Fault.WRONG_VERSION, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_sendsFreshSixteenByteKey")
  void fixedKey_shouldFailBy_rfc6455_4_1_sendsFreshSixteenByteKey(TestInfo test) {
    assertBreaks(Fault.FIXED_KEY, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_4_1_sendsOriginProtocolsAndExtraHeaders",
      "required_w3c4_constructor_sendsOriginOfContext"})
  void noOrigin_shouldFailBy_rfc6455_4_1_sendsOriginProtocolsAndExtraHeaders(TestInfo test) {
    assertBreaks(Fault.NO_ORIGIN, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_failsOnStatus200")
  void skipStatusCheck_shouldFailBy_rfc6455_4_1_failsOnStatus200(TestInfo test) {
    assertBreaks(Fault.SKIP_STATUS_CHECK, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_4_1_failsOnMissingUpgrade",
      "required_rfc6455_4_1_failsOnWrongUpgrade"})
  void skipUpgradeCheck_shouldFailBy_rfc6455_4_1_failsOnMissingUpgrade(TestInfo test) {
    assertBreaks(Fault.SKIP_UPGRADE_CHECK, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_failsOnMissingConnection")
  void skipConnectionCheck_shouldFailBy_rfc6455_4_1_failsOnMissingConnection(TestInfo test) {
    assertBreaks(Fault.SKIP_CONNECTION_CHECK, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_acceptsConnectionTokenList")
  void strictConnectionValue_shouldFailBy_rfc6455_4_1_acceptsConnectionTokenList(TestInfo test) {
    assertBreaks(Fault.STRICT_CONNECTION_VALUE, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_4_1_failsOnMissingAccept",
      "required_rfc6455_4_1_failsOnWrongAccept",
      "required_w3c5_fail_hidesWhyTheConnectionFailed"})
  void skipAcceptCheck_shouldFailBy_rfc6455_4_1_failsOnMissingAccept(TestInfo test) {
    assertBreaks(Fault.SKIP_ACCEPT_CHECK, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_4_1_failsOnSubprotocolWhenNoneOffered",
      "required_rfc6455_4_1_failsOnUnofferedSubprotocol"})
  void acceptUnofferedSubprotocol_shouldFailBy_rfc6455_4_1_failsOnSubprotocolWhenNoneOffered(TestInfo test) {
    assertBreaks(Fault.ACCEPT_UNOFFERED_SUBPROTOCOL, test);
  }

  @Test
  @Breaks("required_w3c4_constructor_failsWhenServerSelectsNoOfferedSubprotocol")
  void acceptMissingSubprotocol_shouldFailBy_w3c4_constructor_failsWhenServerSelectsNoOfferedSubprotocol(TestInfo test) {
    assertBreaks(Fault.ACCEPT_MISSING_SUBPROTOCOL, test);
  }

  @Test
  @Breaks({
      "optional_rfc7692_7_1_1_2_honoursClientNoContextTakeover",
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_1_2_2_failsOnUnofferedClientMaxWindowBits",
      "optional_rfc7692_7_2_1_compressesClientMessages",
      "optional_rfc7692_7_2_2_decompressesServerMessages",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "required_rfc6455_4_1_failsOnUnofferedExtension",
      "optional_limits_failsWith1009WhenDecompressedMessageIsTooBig"})
  void acceptUnofferedExtension_shouldFailBy_rfc6455_4_1_failsOnUnofferedExtension(TestInfo test) {
    assertBreaks(Fault.ACCEPT_UNOFFERED_EXTENSION, test);
  }

  @Test
  @Breaks({
      "optional_proxy_tunnelsWss",
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "optional_tls_connectsWithTrustedCertificate",
      "required_rfc6455_5_3_masksEveryFrameWithFreshKey",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_rfc6455_7_1_2_closesCleanlyWithJetty",
      "optional_tls_skipsHostNameCheckWhenDisabled"})
  void noMask_shouldFailBy_rfc6455_5_3_masksEveryFrameWithFreshKey(TestInfo test) {
    assertBreaks(Fault.NO_MASK, test);
  }

  @Test
  @Breaks("required_rfc6455_5_3_masksEveryFrameWithFreshKey")
  void reuseMaskKey_shouldFailBy_rfc6455_5_3_masksEveryFrameWithFreshKey(TestInfo test) {
    assertBreaks(Fault.REUSE_MASK_KEY, test);
  }

  @Test
  @Breaks("required_rfc6455_5_2_usesShortestLengthForm")
  void always64bitLength_shouldFailBy_rfc6455_5_2_usesShortestLengthForm(TestInfo test) {
    assertBreaks(Fault.ALWAYS_64BIT_LENGTH, test);
  }

  @Test
  @Breaks("required_rfc6455_5_1_failsOnMaskedServerFrame")
  void allowMaskedServerFrames_shouldFailBy_rfc6455_5_1_failsOnMaskedServerFrame(TestInfo test) {
    assertBreaks(Fault.ALLOW_MASKED_SERVER_FRAMES, test);
  }

  @Test
  @Breaks({
      "optional_rfc7692_6_1_failsOnCompressedControlFrame",
      "required_rfc6455_5_2_failsOnReservedBits"})
  void allowReservedBits_shouldFailBy_rfc6455_5_2_failsOnReservedBits(TestInfo test) {
    assertBreaks(Fault.ALLOW_RESERVED_BITS, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_2_failsOnReservedOpcode",
      "required_w3c5_fail_protocolErrorAfterOpenFiresErrorThenClose"})
  void allowReservedOpcodes_shouldFailBy_rfc6455_5_2_failsOnReservedOpcode(TestInfo test) {
    assertBreaks(Fault.ALLOW_RESERVED_OPCODES, test);
  }

  @Test
  @Breaks("required_rfc6455_5_4_acceptsControlFramesBetweenFragments")
  void rejectInterleavedControl_shouldFailBy_rfc6455_5_4_acceptsControlFramesBetweenFragments(TestInfo test) {
    assertBreaks(Fault.REJECT_INTERLEAVED_CONTROL, test);
  }

  @Test
  @Breaks("required_rfc6455_5_4_failsOnContinuationWithoutStart")
  void allowOrphanContinuation_shouldFailBy_rfc6455_5_4_failsOnContinuationWithoutStart(TestInfo test) {
    assertBreaks(Fault.ALLOW_ORPHAN_CONTINUATION, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_5_2_answersEveryPing",
      "required_rfc6455_5_5_2_answersPingWithIdenticalPong",
      "required_rfc6455_5_5_2_answersPingWrittenInPieces"})
  void emptyPong_shouldFailBy_rfc6455_5_5_2_answersEveryPing(TestInfo test) {
    assertBreaks(Fault.EMPTY_PONG, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_4_acceptsControlFramesBetweenFragments",
      "required_rfc6455_5_5_2_answersEveryPing",
      "required_rfc6455_5_5_2_answersPingWithIdenticalPong",
      "required_rfc6455_5_5_2_answersPingWrittenInPieces"})
  void ignorePing_shouldFailBy_rfc6455_5_4_acceptsControlFramesBetweenFragments(TestInfo test) {
    assertBreaks(Fault.IGNORE_PING, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_8_1_failsFastOnInvalidUtf8",
      "required_rfc6455_8_1_failsOnInvalidUtf8",
      "required_rfc6455_8_1_failsOnInvalidUtf8AcrossFragments",
      "required_rfc6455_8_1_failsOnInvalidUtf8CloseReason",
      "required_rfc6455_8_1_failsOnInvalidUtf8WrittenInPieces"})
  void skipUtf8Validation_shouldFailBy_rfc6455_8_1_failsFastOnInvalidUtf8(TestInfo test) {
    assertBreaks(Fault.SKIP_UTF8_VALIDATION, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_5_1_sendsEmptyCloseFrameFor1005",
      "required_w3c4_close_withoutCodeSendsEmptyCloseFrame",
      "required_w3c9_gc_closesUnreachableOpenSocketWithEmptyCloseFrame"})
  void noEmptyClose_shouldFailBy_rfc6455_5_5_1_sendsEmptyCloseFrameFor1005(TestInfo test) {
    assertBreaks(Fault.NO_EMPTY_CLOSE, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_5_1_echoesServerClose",
      "required_rfc6455_5_5_1_sendsCloseCodeAndReason",
      "required_rfc6455_7_1_1_closesTcpWhenServerDoesNot",
      "required_rfc6455_7_1_2_closesCleanlyWithJetty",
      "required_rfc6455_7_1_5_reportsEmptyCloseAs1005",
      "required_rfc6455_7_4_acceptsValidCloseCode",
      "required_w3c4_close_twiceDoesNothing",
      "required_w3c4_close_whileOpenSendsCodeAndReason",
      "required_w3c4_close_withoutCodeSendsEmptyCloseFrame",
      "required_w3c5_close_reports1005ForEmptyCloseFrame",
      "required_w3c5_close_reportsServerCodeAndReason"})
  void wrongCloseCode_shouldFailBy_rfc6455_5_5_1_echoesServerClose(TestInfo test) {
    assertBreaks(Fault.WRONG_CLOSE_CODE, test);
  }

  @Test
  @Breaks("required_rfc6455_7_4_failsOnInvalidCloseCode")
  void acceptInvalidCloseCodes_shouldFailBy_rfc6455_7_4_failsOnInvalidCloseCode(TestInfo test) {
    assertBreaks(Fault.ACCEPT_INVALID_CLOSE_CODES, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_7_1_1_closesTcpWhenServerDoesNot",
      "required_rfc6455_7_1_1_endsWhenServerNeverAnswersClose",
      "required_w3c4_close_twiceDoesNothing"})
  void noCloseTimeout_shouldFailBy_rfc6455_7_1_1_closesTcpWhenServerDoesNot(TestInfo test) {
    assertBreaks(Fault.NO_CLOSE_TIMEOUT, test);
  }

  @Test
  @Breaks({
      "required_spi_transmitted_reportsApplicationBytes",
      "required_w3c4_bufferedAmount_countsExactBytesAndReturnsToZero"})
  void countUtf16Transmitted_shouldFailBy_spi_transmitted_reportsApplicationBytes(TestInfo test) {
    assertBreaks(Fault.COUNT_UTF16_TRANSMITTED, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_acceptsHeadersInAnyCase")
  void caseSensitiveHeaders_shouldFailBy_rfc6455_4_1_acceptsHeadersInAnyCase(TestInfo test) {
    assertBreaks(Fault.CASE_SENSITIVE_HEADERS, test);
  }

  // Jetty's burst reaches the reference transport's buffer together with the 101 only sometimes.
  @Test
  @Breaks(value = "required_rfc6455_4_1_deliversFrameSentWithResponse",
      sometimes = "required_rfc6455_6_2_receivesManyMessagesInOrder")
  void dropBytesAfterResponse_shouldFailBy_rfc6455_4_1_deliversFrameSentWithResponse(TestInfo test) {
    assertBreaks(Fault.DROP_BYTES_AFTER_RESPONSE, test);
  }

  @Test
  @Breaks({
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "required_rfc6455_4_1_opensOnValidResponseAndReportsProtocol",
      "required_rfc6455_4_1_reportsJettyProtocolAndCookie",
      "required_w3c5_open_appliesSetCookieToNextHandshake",
      "required_w3c5_open_setsStateAndProtocolBeforeOpenEvent"})
  void dropResponseHeaders_shouldFailBy_rfc6455_4_1_opensOnValidResponseAndReportsProtocol(TestInfo test) {
    assertBreaks(Fault.DROP_RESPONSE_HEADERS, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_2_readsEveryLengthForm",
      "required_rfc6455_6_echoesEverySizeThroughJetty"})
  void signed16bitLength_shouldFailBy_rfc6455_5_2_readsEveryLengthForm(TestInfo test) {
    assertBreaks(Fault.SIGNED_16BIT_LENGTH, test);
  }

  @Test
  @Breaks({
      "optional_proxy_tunnelsWss",
      "optional_tls_connectsWithTrustedCertificate",
      "required_rfc6455_5_2_sendsNoReservedBits",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "optional_tls_skipsHostNameCheckWhenDisabled"})
  void setRsv1OnText_shouldFailBy_rfc6455_5_2_sendsNoReservedBits(TestInfo test) {
    assertBreaks(Fault.SET_RSV1_ON_TEXT, test);
  }

  @Test
  @Breaks("required_rfc6455_5_4_failsOnNewMessageInsideFragmentedMessage")
  void allowNewMessageInFragmented_shouldFailBy_rfc6455_5_4_failsOnNewMessageInsideFragmentedMessage(TestInfo test) {
    assertBreaks(Fault.ALLOW_NEW_MESSAGE_IN_FRAGMENTED, test);
  }

  @Test
  @Breaks({
      "optional_limits_failsWith1009OnOversizedFragments",
      "optional_rfc7692_7_2_2_decompressesServerMessages",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "required_rfc6455_5_4_acceptsControlFramesBetweenFragments",
      "required_rfc6455_5_4_reassemblesFragments",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_rfc6455_8_1_deliversUtf8SplitAcrossFragments"})
  void deliverFragmentsSeparately_shouldFailBy_rfc6455_5_4_reassemblesFragments(TestInfo test) {
    assertBreaks(Fault.DELIVER_FRAGMENTS_SEPARATELY, test);
  }

  @Test
  @Breaks("required_rfc6455_5_5_1_failsOnOneByteCloseBody")
  void acceptOneByteClose_shouldFailBy_rfc6455_5_5_1_failsOnOneByteCloseBody(TestInfo test) {
    assertBreaks(Fault.ACCEPT_ONE_BYTE_CLOSE, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_5_1_ignoresDataAfterServerClose",
      "required_rfc6455_7_1_1_closesTcpWhenServerDoesNot",
      "required_w3c4_close_twiceDoesNothing"})
  void deliverAfterClose_shouldFailBy_rfc6455_5_5_1_ignoresDataAfterServerClose(TestInfo test) {
    assertBreaks(Fault.DELIVER_AFTER_CLOSE, test);
  }

  @Test
  @Breaks("required_rfc6455_5_5_1_sendsNothingAfterClose")
  void sendAfterClose_shouldFailBy_rfc6455_5_5_1_sendsNothingAfterClose(TestInfo test) {
    assertBreaks(Fault.SEND_AFTER_CLOSE, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_4_acceptsControlFramesBetweenFragments",
      "required_rfc6455_5_5_3_ignoresUnsolicitedPong"})
  void failOnUnsolicitedPong_shouldFailBy_rfc6455_5_5_3_ignoresUnsolicitedPong(TestInfo test) {
    assertBreaks(Fault.FAIL_ON_UNSOLICITED_PONG, test);
  }

  @Test
  @Breaks("required_rfc6455_5_5_failsOnOversizedControlFrame")
  void allowLongControlFrames_shouldFailBy_rfc6455_5_5_failsOnOversizedControlFrame(TestInfo test) {
    assertBreaks(Fault.ALLOW_LONG_CONTROL_FRAMES, test);
  }

  @Test
  @Breaks("required_w3c4_send_takesTheDataAtTheTimeOfTheCall")
  void readLentBytesLate_shouldFailBy_w3c4_send_takesTheDataAtTheTimeOfTheCall(TestInfo test) {
    assertBreaks(Fault.READ_LENT_BYTES_LATE, test);
  }

  @Test
  @Breaks("required_rfc6455_6_1_sendsBinary")
  void ignoreBufferPosition_shouldFailBy_rfc6455_6_1_sendsBinary(TestInfo test) {
    assertBreaks(Fault.IGNORE_BUFFER_POSITION, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_6_1_sendsTextAsUtf8",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_spi_transmitted_reportsApplicationBytes",
      "required_w3c4_bufferedAmount_countsExactBytesAndReturnsToZero",
      "required_w3c4_send_sendsEachType"})
  void textAsLatin1_shouldFailBy_rfc6455_6_1_sendsTextAsUtf8(TestInfo test) {
    assertBreaks(Fault.TEXT_AS_LATIN1, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_7_1_1_endsWhenServerNeverAnswersClose",
      "required_rfc6455_7_1_5_failsOnResetMidFrame",
      "required_rfc6455_7_1_5_reportsAbnormalClosureWithoutClose",
      "required_w3c5_close_reports1006WhenConnectionDrops"})
  void eofIsClean_shouldFailBy_rfc6455_7_1_5_reportsAbnormalClosureWithoutClose(TestInfo test) {
    assertBreaks(Fault.EOF_IS_CLEAN, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_4_acceptsControlFramesBetweenFragments",
      "required_rfc6455_5_4_reassemblesFragments",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_rfc6455_8_1_deliversUtf8SplitAcrossFragments"})
  void validateUtf8PerFragment_shouldFailBy_rfc6455_8_1_deliversUtf8SplitAcrossFragments(TestInfo test) {
    assertBreaks(Fault.VALIDATE_UTF8_PER_FRAGMENT, test);
  }

  // Jetty's echo of megabytes of multi-byte text arrives in many reads, some splitting a character
  @Test
  @Breaks({
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_rfc6455_8_1_deliversUtf8WrittenInPieces"})
  void validateUtf8PerRead_shouldFailBy_rfc6455_8_1_deliversUtf8WrittenInPieces(TestInfo test) {
    assertBreaks(Fault.VALIDATE_UTF8_PER_READ, test);
  }

  @Test
  @Breaks("required_rfc6455_8_1_deliversValidUtf8")
  void rejectNoncharacters_shouldFailBy_rfc6455_8_1_deliversValidUtf8(TestInfo test) {
    assertBreaks(Fault.REJECT_NONCHARACTERS, test);
  }

  @Test
  @Breaks({
      "required_w3c4_close_duringConnectingFailsConnection",
      "required_w3c9_contextClose_failsConnectingSockets"})
  void ignoreAbortWhileConnecting_shouldFailBy_w3c9_contextClose_failsConnectingSockets(TestInfo test) {
    assertBreaks(Fault.IGNORE_ABORT_WHILE_CONNECTING, test);
  }

  @Test
  @Breaks({
      "optional_proxy_tunnelsWss",
      "optional_rfc7692_5_offersNothingWhenDisabled",
      "optional_tls_connectsWithTrustedCertificate",
      "required_rfc6455_4_1_reportsJettyProtocolAndCookie",
      "required_rfc6455_6_2_receivesManyMessagesInOrder",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_rfc6455_7_1_2_closesCleanlyWithJetty",
      "optional_tls_skipsHostNameCheckWhenDisabled"})
  void deflateAlwaysOffer_shouldFailBy_rfc7692_5_offersNothingWhenDisabled(TestInfo test) {
    assertBreaks(Fault.DEFLATE_ALWAYS_OFFER, test);
  }

  @Test
  @Breaks({
      "optional_rfc7692_5_offersPermessageDeflate",
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_echoesEverySizeThroughJetty"})
  void deflateNeverOffer_shouldFailBy_rfc7692_5_offersPermessageDeflate(TestInfo test) {
    assertBreaks(Fault.DEFLATE_NEVER_OFFER, test);
  }

  @Test
  @Breaks({
      "optional_rfc7692_7_1_1_2_honoursClientNoContextTakeover",
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover"})
  void deflateIgnoreClientNoContext_shouldFailBy_rfc7692_7_1_1_2_honoursClientNoContextTakeover(TestInfo test) {
    assertBreaks(Fault.DEFLATE_IGNORE_CLIENT_NO_CONTEXT, test);
  }

  @Test
  @Breaks("optional_rfc7692_7_1_2_2_failsOnUnofferedClientMaxWindowBits")
  void deflateAcceptClientMaxWindowBits_shouldFailBy_rfc7692_7_1_2_2_failsOnUnofferedClientMaxWindowBits(TestInfo test) {
    assertBreaks(Fault.DEFLATE_ACCEPT_CLIENT_MAX_WINDOW_BITS, test);
  }

  @Test
  @Breaks({
      "optional_rfc7692_7_1_1_2_honoursClientNoContextTakeover",
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_2_1_compressesClientMessages",
      "optional_rfc7692_7_echoesEverySizeThroughJetty"})
  void deflateNoRsv1_shouldFailBy_rfc7692_7_2_1_compressesClientMessages(TestInfo test) {
    assertBreaks(Fault.DEFLATE_NO_RSV1, test);
  }

  @Test
  @Breaks("required_rfc6455_5_5_1_acceptsLongestCloseReason")
  void truncateCloseReason_shouldFailBy_rfc6455_5_5_1_acceptsLongestCloseReason(TestInfo test) {
    assertBreaks(Fault.TRUNCATE_CLOSE_REASON, test);
  }

  @Test
  @Breaks("required_rfc6455_5_5_failsOnFragmentedControlFrame")
  void allowFragmentedControl_shouldFailBy_rfc6455_5_5_failsOnFragmentedControlFrame(TestInfo test) {
    assertBreaks(Fault.ALLOW_FRAGMENTED_CONTROL, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_6_1_sendsLargeMessagesInOrder",
      "required_rfc6455_5_2_usesShortestLengthForm",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "required_w3c4_send_takesTheDataAtTheTimeOfTheCall"})
  void truncateLargeMessages_shouldFailBy_rfc6455_6_1_sendsLargeMessagesInOrder(TestInfo test) {
    assertBreaks(Fault.TRUNCATE_LARGE_MESSAGES, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_5_1_sendsCloseCodeAndReason",
      "required_rfc6455_5_5_1_echoesServerClose",
      "required_rfc6455_7_4_acceptsValidCloseCode",
      "required_w3c4_close_twiceDoesNothing",
      "required_w3c4_close_whileOpenSendsCodeAndReason",
      "required_w3c9_contextClose_closesOpenSocketsWith1001"})
  void ignoreCloseCode_shouldFailBy_rfc6455_5_5_1_sendsCloseCodeAndReason(TestInfo test) {
    assertBreaks(Fault.IGNORE_CLOSE_CODE, test);
  }

  // every clause that receives three or more messages sees the swap; a clause that waits for the
  // second message before the server sends the third sees it withheld
  @Test
  @Breaks({
      "optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover",
      "optional_rfc7692_7_2_2_decompressesServerMessages",
      "optional_rfc7692_7_echoesEverySizeThroughJetty",
      "required_rfc6455_5_2_readsEveryLengthForm",
      "required_rfc6455_5_4_reassemblesFragments",
      "required_rfc6455_6_2_deliversMessagesInOrder",
      "required_rfc6455_6_2_receivesManyMessagesInOrder",
      "required_rfc6455_6_echoesEverySizeThroughJetty",
      "required_w3c5_message_deliversEachDataType"})
  void swapSecondAndThirdMessage_shouldFailBy_rfc6455_6_2_deliversMessagesInOrder(TestInfo test) {
    assertBreaks(Fault.SWAP_SECOND_AND_THIRD_MESSAGE, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_failsOnRedirect")
  void openOnRedirect_shouldFailBy_rfc6455_4_1_failsOnRedirect(TestInfo test) {
    assertBreaks(Fault.OPEN_ON_REDIRECT, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_failsOnGarbageResponse")
  void openOnNonHttpResponse_shouldFailBy_rfc6455_4_1_failsOnGarbageResponse(TestInfo test) {
    assertBreaks(Fault.OPEN_ON_NON_HTTP_RESPONSE, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_failsWhenServerClosesDuringHandshake")
  void handshakeEofAsClose_shouldFailBy_rfc6455_4_1_failsWhenServerClosesDuringHandshake(TestInfo test) {
    assertBreaks(Fault.HANDSHAKE_EOF_AS_CLOSE, test);
  }

  @Test
  @Breaks("required_rfc6455_4_1_failsOnConnectionRefused")
  void refusedAsClose_shouldFailBy_rfc6455_4_1_failsOnConnectionRefused(TestInfo test) {
    assertBreaks(Fault.REFUSED_AS_CLOSE, test);
  }

  @Test
  @Breaks("required_rfc6455_8_1_failsFastOnInvalidUtf8")
  void validateUtf8AtMessageEnd_shouldFailBy_rfc6455_8_1_failsFastOnInvalidUtf8(TestInfo test) {
    assertBreaks(Fault.VALIDATE_UTF8_AT_MESSAGE_END, test);
  }

  @Test
  @Breaks({
      "required_rfc6455_5_5_1_echoesServerClose",
      "required_w3c5_closing_serverCloseMakesReadyStateClosing"})
  void noClosingCallback_shouldFailBy_w3c5_closing_serverCloseMakesReadyStateClosing(TestInfo test) {
    assertBreaks(Fault.NO_CLOSING_CALLBACK, test);
  }

  @Test
  @Breaks({
      "optional_keepAlive_failsWhenPongsStop",
      "optional_keepAlive_sendsPings"})
  void noKeepAlive_shouldFailBy_keepAlive_sendsPings(TestInfo test) {
    assertBreaks(Fault.NO_KEEP_ALIVE, test);
  }

  @Test
  @Breaks("optional_keepAlive_failsWhenPongsStop")
  void ignoreMissingPongs_shouldFailBy_keepAlive_failsWhenPongsStop(TestInfo test) {
    assertBreaks(Fault.IGNORE_MISSING_PONGS, test);
  }

  @Test
  @Breaks("optional_limits_deliversMessageAtTheLimit")
  void limitOffByOne_shouldFailBy_limits_deliversMessageAtTheLimit(TestInfo test) {
    assertBreaks(Fault.LIMIT_OFF_BY_ONE, test);
  }

  @Test
  @Breaks("optional_limits_failsWith1009OnOversizedMessage")
  void limitOnlyForFragments_shouldFailBy_limits_failsWith1009OnOversizedMessage(TestInfo test) {
    assertBreaks(Fault.LIMIT_ONLY_FOR_FRAGMENTS, test);
  }

  @Test
  @Breaks("optional_limits_failsWhenHandshakeNeverCompletes")
  void noHandshakeTimeout_shouldFailBy_limits_failsWhenHandshakeNeverCompletes(TestInfo test) {
    assertBreaks(Fault.NO_HANDSHAKE_TIMEOUT, test);
  }

  @Test
  @Breaks("optional_proxy_failsWhenProxyRefusesTunnel")
  void proxyRefusalAsClose_shouldFailBy_proxy_failsWhenProxyRefusesTunnel(TestInfo test) {
    assertBreaks(Fault.PROXY_REFUSAL_AS_CLOSE, test);
  }

  @Test
  @Breaks({
      "optional_proxy_failsWhenProxyRefusesTunnel",
      "optional_proxy_tunnelsWs",
      "optional_proxy_tunnelsWss"})
  void ignoreProxy_shouldFailBy_proxy_tunnelsWs(TestInfo test) {
    assertBreaks(Fault.IGNORE_PROXY, test);
  }

  @Test
  @Breaks({
      "optional_tls_failsOnUntrustedCertificate",
      "optional_tls_failsOnWrongHostName"})
  void trustAllCertificates_shouldFailBy_tls_failsOnUntrustedCertificate(TestInfo test) {
    assertBreaks(Fault.TRUST_ALL_CERTIFICATES, test);
  }

  @Test
  @Breaks("optional_tls_failsOnWrongHostName")
  void noHostnameCheck_shouldFailBy_tls_failsOnWrongHostName(TestInfo test) {
    assertBreaks(Fault.NO_HOSTNAME_CHECK, test);
  }
}
