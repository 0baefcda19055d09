package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.CloseEvent;
import dev.duplex.InvalidAccessError;
import dev.duplex.SyntaxError;
import dev.duplex.WebSocket;
import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W3C section 4, {@code close()}: argument errors, and closing in each readyState, once or twice,
 * with the code and reason on the wire and in the close event.
 *
 * <p>When one fails, check the transport's {@code close(code, reason)} (an empty frame for 1005)
 * and that a second call is ignored; argument errors are the api engine's.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface W3cSection4Close extends ClauseGroup {

  /**
   * Verifies codes other than 1000 and 3000-4999 (after [Clamp]) throw InvalidAccessError.
   *
   * @param code the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "code {0}")
  @ValueSource(ints = {0, 999, 1001, 1005, 1006, 2999, 5000, 65535, 70000, -1})
  @Clause(value = "W3C 4 close() step 1", summary = "close codes other than 1000 and 3000-4999 throw InvalidAccessError")
  default void required_w3c4_close_rejectsInvalidCodeWithInvalidAccessError(int code) {
    ApiOpened o = apiOpenOnFixture();
    assertThrows(InvalidAccessError.class, () -> o.socket().socket().close(code), "close(" + code + ")");
    assertEquals(WebSocket.OPEN, o.socket().socket().readyState(), "a rejected close changes nothing");
  }

  /** Verifies a reason over 123 UTF-8 bytes throws SyntaxError and 123 bytes is accepted. */
  @Test
  @Clause(value = "W3C 4 close() step 2", summary = "a reason over 123 UTF-8 bytes throws SyntaxError")
  default void required_w3c4_close_rejectsReasonOver123BytesWithSyntaxError() {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    assertThrows(SyntaxError.class, () -> ws.close(1000, "a".repeat(124)), "124 ASCII bytes");
    assertThrows(SyntaxError.class, () -> ws.close(1000, "\u00e9".repeat(62)), "62 x 2-byte characters");
    assertEquals(WebSocket.OPEN, ws.readyState());
    ws.close(1000, "\u00e9".repeat(61) + "a");
    assertEquals(WebSocket.CLOSING, ws.readyState(), "a 123-byte reason is accepted");
    assertEquals(123, o.peer().readFrame(Frame.CLOSE).payload().length - 2, "reason bytes on the wire");
  }

  /** Verifies close() while CONNECTING fails the connection: CLOSING, then error and close 1006. */
  @Test
  @Clause(value = "W3C 4 close() (CONNECTING)", summary = "close while connecting fails the connection")
  default void required_w3c4_close_duringConnectingFailsConnection() {
    ApiSocket s = kit().open(kit().fixture().uri("/").toString());
    FixturePeer peer = kit().fixture().accept();
    peer.readHandshake();
    assertEquals(WebSocket.CLOSING, s.onLoop(() -> {
      s.socket().close();
      return s.socket().readyState();
    }), "readyState right after close()");
    s.awaitErrorThenClose1006();
    peer.awaitEof();
  }

  /** Verifies close(code, reason) while OPEN: CLOSING at once, the frame on the wire, a clean close event. */
  @Test
  @Clause(value = "W3C 4 close() (OPEN)", summary = "close while open sends code and reason and ends cleanly")
  default void required_w3c4_close_whileOpenSendsCodeAndReason() {
    ApiOpened o = apiOpenOnFixture();
    o.socket().socket().close(3000, "bye");
    assertEquals(WebSocket.CLOSING, o.socket().socket().readyState(), "readyState right after close()");
    ReceivedFrame close = o.peer().readFrame(Frame.CLOSE);
    assertEquals(3000, close.closeCode());
    assertEquals("bye", close.closeReason());
    o.peer().send(Frame.close(3000, "bye"));
    o.peer().close();
    var event = o.socket().next("close");
    assertEquals(WebSocket.CLOSED, event.readyState(), "readyState in onclose");
    assertEquals(3000, event.close().code());
    assertEquals("bye", event.close().reason());
    assertTrue(event.close().wasClean(), "clean close");
  }

  /** Verifies close() without a code sends a Close frame with no body and the close event says 1005. */
  @Test
  @Clause(value = "W3C 4 close() (no code)", requires = Capability.EMPTY_CLOSE_FRAME,
      summary = "close() without a code sends an empty Close frame")
  default void required_w3c4_close_withoutCodeSendsEmptyCloseFrame() {
    ApiOpened o = apiOpenOnFixture();
    o.socket().socket().close();
    assertEquals(0, o.peer().readFrame(Frame.CLOSE).payload().length, "Close frame body");
    o.peer().send(Frame.close());
    o.peer().close();
    assertEquals(1005, o.socket().awaitClose().code(), "code when the server's Close had none");
  }

  /** Verifies a second close() (and one during CLOSING) does nothing: one Close frame, one close event. */
  @Test
  @Clause(value = "W3C 4 close() (CLOSING/CLOSED: do nothing)", summary = "close twice sends one Close frame")
  default void required_w3c4_close_twiceDoesNothing() {
    ApiOpened o = apiOpenOnFixture();
    WebSocket ws = o.socket().socket();
    ws.close(3001, "first");
    assertDoesNotThrow(() -> ws.close(3002, "second"));
    assertEquals(3001, o.peer().readFrame(Frame.CLOSE).closeCode());
    o.peer().send(Frame.close(3001, "first"));
    assertNull(o.peer().readCloseOrEof(), "only one Close frame may be sent");
    CloseEvent close = o.socket().awaitClose();
    assertEquals(3001, close.code());
    assertDoesNotThrow(() -> ws.close());
    assertEquals(WebSocket.CLOSED, ws.readyState());
  }

  /** Verifies a message that arrives after close() was called is not dispatched. */
  @Test
  @Clause(value = "W3C 5 (message when not OPEN: abort)", summary = "messages arriving after close() are dropped")
  default void required_w3c5_message_dropsMessagesAfterClose() {
    ApiOpened o = apiOpenOnFixture();
    o.socket().socket().close(1000, "");
    o.peer().readFrame(Frame.CLOSE);
    o.peer().send(Frame.text("too late"), Frame.close(1000, ""));
    o.peer().close();
    o.socket().awaitClose();
    assertTrue(o.socket().history().stream().noneMatch(e -> e.type().equals("message")),
        "no message after close(): " + o.socket().history());
  }
}
