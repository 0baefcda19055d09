package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 sections 5.5.1, 7 and 7.4: the closing handshake both ways, status codes, and abnormal
 * closure. The server closes TCP first; a client that never sees it closes TCP after its close
 * timeout (set to {@link dev.duplex.tck.Timeouts#POLICY} by the kit).
 *
 * <p>When one fails, compare the Close frames the fixture recorded with the expected code and
 * reason, and check which side closed TCP and when (the close timeout).
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455Closing extends ClauseGroup {

  /** Verifies the client's Close carries its code and reason, and a clean close follows the server's reply. */
  @Test
  @Clause(value = "RFC 6455 5.5.1 / 7.1.2 (client-initiated)", summary = "close(code, reason) is sent and completes cleanly")
  default void required_rfc6455_5_5_1_sendsCloseCodeAndReason() {
    Opened o = openOnFixture();
    o.client().close(3000, "bye \u00e9");
    ReceivedFrame close = o.peer().readFrame(Frame.CLOSE);
    assertEquals(3000, close.closeCode(), "code on the wire");
    assertEquals("bye \u00e9", close.closeReason(), "reason on the wire");
    o.peer().send(Frame.close(3000, "bye \u00e9"));
    o.peer().close();
    TransportEvent end = o.client().events().awaitTerminal();
    assertEquals(Kind.CLOSED, end.kind(), "terminal callback " + end);
    assertEquals(3000, end.code(), "close code reported");
    assertTrue(end.wasClean(), "the closing handshake completed: " + end);
  }

  /** Verifies 1005 sends a Close frame with no body. */
  @Test
  @Clause(value = "RFC 6455 5.5.1 / W3C 4 close() without code", requires = Capability.EMPTY_CLOSE_FRAME,
      summary = "close without a code sends an empty Close frame")
  default void required_rfc6455_5_5_1_sendsEmptyCloseFrameFor1005() {
    Opened o = openOnFixture();
    o.client().close(1005, "");
    ReceivedFrame close = o.peer().readFrame(Frame.CLOSE);
    assertEquals(0, close.payload().length, "the Close frame must have no body");
  }

  /** Verifies nothing is sent after the Close frame. */
  @Test
  @Clause(value = "RFC 6455 5.5.1 (nothing after Close)", summary = "no data frame follows the client's Close")
  default void required_rfc6455_5_5_1_sendsNothingAfterClose() {
    Opened o = openOnFixture();
    o.client().sendText("before");
    o.client().close(1000, "");
    o.client().sendText("after");
    assertEquals("before", o.peer().readFrame(Frame.TEXT).text());
    o.peer().readFrame(Frame.CLOSE);
    o.peer().send(Frame.close(1000, ""));
    o.peer().shutdownOutput();
    o.peer().awaitEof();
    o.client().events().awaitTerminal();
    assertTrue(o.peer().received().stream().noneMatch(f -> f.opcode() == Frame.TEXT && f.text().equals("after")),
        "a message sent after close went out: " + o.peer().received());
  }

  /** Verifies a server-initiated close is reported, echoed with the same code, and clean. */
  @Test
  @Clause(value = "RFC 6455 5.5.1 / 7.1.5 (server-initiated)", summary = "the server's Close is reported and echoed")
  default void required_rfc6455_5_5_1_echoesServerClose() {
    Opened o = openOnFixture();
    o.peer().send(Frame.close(4001, "going"));
    ReceivedFrame reply = o.peer().readFrame(Frame.CLOSE);
    assertEquals(4001, reply.closeCode(), "the reply echoes the code");
    TransportEvent closing = o.client().events().next(Kind.CLOSING);
    assertEquals(4001, closing.code());
    assertEquals("going", closing.text());
    o.peer().close();
    TransportEvent end = o.client().events().next(Kind.CLOSED);
    assertEquals(4001, end.code());
    assertEquals("going", end.text());
    assertTrue(end.wasClean(), "clean close: " + end);
  }

  /** Verifies a Close without a body is reported as 1005 and answered with a Close without a body. */
  @Test
  @Clause(value = "RFC 6455 7.1.5 (no status: 1005)", summary = "an empty server Close is reported as 1005")
  default void required_rfc6455_7_1_5_reportsEmptyCloseAs1005() {
    Opened o = openOnFixture();
    o.peer().send(Frame.close());
    ReceivedFrame reply = o.peer().readFrame(Frame.CLOSE);
    assertTrue(reply.payload().length == 0 || reply.closeCode() == 1000,
        "the reply to an empty Close is empty (or 1000): " + reply.closeCode());
    o.peer().close();
    TransportEvent end = o.client().events().awaitTerminal();
    assertEquals(Kind.CLOSED, end.kind(), "terminal " + end);
    assertEquals(1005, end.code(), "code for a Close without status");
  }

  /**
   * Verifies codes a server may send are accepted and echoed (Autobahn 7.7).
   *
   * @param code the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "code {0}")
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
  @Clause(value = "RFC 6455 7.4 (valid codes) (Autobahn 7.7.1-7.7.13)", summary = "valid received codes are reported and echoed")
  default void required_rfc6455_7_4_acceptsValidCloseCode(int code) {
    Opened o = openOnFixture();
    o.peer().send(Frame.close(code, ""));
    assertEquals(code, o.peer().readFrame(Frame.CLOSE).closeCode(), "echoed code");
    o.peer().close();
    TransportEvent end = o.client().events().awaitTerminal();
    assertEquals(code, end.code(), "reported code: " + end);
  }

  /**
   * Verifies codes a server must not send fail the connection with 1002 (Autobahn 7.9).
   *
   * @param code the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "code {0}")
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
  @Clause(value = "RFC 6455 7.4 (invalid codes) (Autobahn 7.9.1-7.9.13)", summary = "invalid received codes fail (1002)")
  default void required_rfc6455_7_4_failsOnInvalidCloseCode(int code) {
    Opened o = openOnFixture();
    o.peer().send(Frame.close(code, ""));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /** Verifies a Close frame with the longest reason (123 bytes) is accepted and reported whole (Autobahn 7.3.5). */
  @Test
  @Clause(value = "RFC 6455 5.5 / 5.5.1 (123-byte reason) (Autobahn 7.3.5)", summary = "a 123-byte close reason is reported whole")
  default void required_rfc6455_5_5_1_acceptsLongestCloseReason() {
    Opened o = openOnFixture();
    String reason = "\u00e9".repeat(60) + "abc";
    o.peer().send(Frame.close(1000, reason));
    o.peer().readFrame(Frame.CLOSE);
    o.peer().close();
    TransportEvent end = o.client().events().awaitTerminal();
    assertEquals(Kind.CLOSED, end.kind(), "terminal " + end);
    assertEquals(reason, end.text(), "reason reported");
  }

  /** Verifies a Close frame with a one-byte body fails the connection (Autobahn 7.3.2). */
  @Test
  @Clause(value = "RFC 6455 5.5.1 (one-byte body) (Autobahn 7.3.2)", summary = "a one-byte Close body fails (1002)")
  default void required_rfc6455_5_5_1_failsOnOneByteCloseBody() {
    Opened o = openOnFixture();
    o.peer().send(Frame.of(Frame.CLOSE, new byte[] {0x03}));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /** Verifies data after the server's Close frame is not delivered (Autobahn 7.1.6). */
  @Test
  @Clause(value = "RFC 6455 1.4 / 5.5.1 (data after Close)", summary = "data after the server's Close is not delivered")
  default void required_rfc6455_5_5_1_ignoresDataAfterServerClose() {
    Opened o = openOnFixture();
    o.peer().send(Frame.close(1000, ""), Frame.text("late"));
    o.peer().readFrame(Frame.CLOSE);
    o.peer().close();
    o.client().events().awaitTerminal();
    assertTrue(o.client().events().history().stream().noneMatch(e -> e.kind() == Kind.TEXT),
        "text after Close was delivered: " + o.client().events().history());
  }

  /** Verifies the client closes TCP itself when the server never does, after the close timeout. */
  @Test
  @Clause(value = "RFC 6455 7.1.1 (server closes TCP first; client after a timeout)",
      summary = "the client closes TCP when the server does not, within the close timeout")
  default void required_rfc6455_7_1_1_closesTcpWhenServerDoesNot() {
    Opened o = openOnFixture();
    o.client().close(1000, "");
    o.peer().readFrame(Frame.CLOSE);
    o.peer().send(Frame.close(1000, ""));
    assertNull(o.peer().readFrameOrEof(), "after the closing handshake the client sends nothing more");
    TransportEvent end = o.client().events().awaitTerminal();
    assertEquals(Kind.CLOSED, end.kind(), "terminal " + end);
    assertEquals(1000, end.code());
  }

  /** Verifies the client closes TCP when the server never answers its Close. */
  @Test
  @Clause(value = "RFC 6455 7.1.1 (no Close reply)", summary = "an unanswered Close ends within the close timeout")
  default void required_rfc6455_7_1_1_endsWhenServerNeverAnswersClose() {
    Opened o = openOnFixture();
    o.client().close(1000, "");
    o.peer().readFrame(Frame.CLOSE);
    o.peer().awaitEof();
    TransportEvent end = o.client().events().awaitTerminal();
    assertTrue(end.kind() == Kind.FAILED || (end.code() == 1006 && !end.wasClean()),
        "without the server's Close the closure is abnormal: " + end);
  }

  /** Verifies TCP closed without a Close frame is reported as 1006, not clean. */
  @Test
  @Clause(value = "RFC 6455 7.1.5 (abnormal: 1006)", summary = "TCP closed without Close is 1006, not clean")
  default void required_rfc6455_7_1_5_reportsAbnormalClosureWithoutClose() {
    Opened o = openOnFixture();
    o.peer().close();
    Expect.endsAbnormally(o.client());
  }

  /** Verifies a TCP reset in the middle of a frame ends the connection abnormally. */
  @Test
  @Clause(value = "RFC 6455 7.1.5 (reset mid-frame)", summary = "a reset mid-frame is 1006 and delivers nothing")
  default void required_rfc6455_7_1_5_failsOnResetMidFrame() {
    Opened o = openOnFixture();
    byte[] frame = Frame.text("x".repeat(1000)).encode();
    o.peer().write(java.util.Arrays.copyOf(frame, 500));
    o.peer().reset();
    Expect.endsAbnormally(o.client());
    assertTrue(o.client().events().history().stream().noneMatch(e -> e.kind() == Kind.TEXT),
        "a partial message was delivered: " + o.client().events().history());
  }
}
