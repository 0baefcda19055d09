package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** W3C section 4, the close() method. */
class CloseTest {

  @ParameterizedTest
  @ValueSource(ints = {1001, 0, 999, 1005, 1006, 2999, 5000, 65535, -1, Integer.MIN_VALUE,
      Integer.MAX_VALUE, 65536 + 1000})
  void section4_close_rejectsCodesOtherThan1000And3000To4999WithInvalidAccessError(int code)
      throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      InvalidAccessError e = assertThrows(InvalidAccessError.class, () -> o.ws.close(code));
      assertEquals("InvalidAccessError", e.name());
      assertThrows(InvalidAccessError.class, () -> o.ws.close(code, "r"));
      assertEquals(WebSocket.OPEN, o.ws.readyState());
      assertEquals(-1, o.conn.closeCode);
    }
  }

  @Test
  void section4_close_rejectsCode1001WithInvalidAccessError() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      assertThrows(InvalidAccessError.class, () -> o.ws.close(1001));
      assertEquals(WebSocket.OPEN, o.ws.readyState());
    }
  }

  @Test
  void section4_close_codeIsCheckedEvenWhenClosed() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.close();
      assertThrows(InvalidAccessError.class, () -> o.ws.close(1001));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 3000, 4000, 4999})
  void section4_close_acceptsApplicationCodes(int code) throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.close(code);
      assertEquals(code, o.conn.closeCode);
      assertEquals("", o.conn.closeReason);
    }
  }

  @Test
  void section4_close_reasonOver123BytesThrowsSyntaxError() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      SyntaxError e = assertThrows(SyntaxError.class, () -> o.ws.close(1000, "x".repeat(124)));
      assertEquals("SyntaxError", e.name());
      // 42 euro signs are 126 bytes, 41 are 123.
      assertThrows(SyntaxError.class, () -> o.ws.close(1000, "\u20ac".repeat(42)));
      assertEquals(WebSocket.OPEN, o.ws.readyState());
      o.ws.close(1000, "\u20ac".repeat(41));
      assertEquals("\u20ac".repeat(41), o.conn.closeReason);
    }
  }

  @Test
  void section4_close_reasonLoneSurrogatesBecomeReplacementCharacters() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      // 41 lone surrogates become 41 U+FFFD, 123 bytes: allowed.
      o.ws.close(3000, "\ud800".repeat(41));
      assertEquals("\ufffd".repeat(41), o.conn.closeReason);
    }
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      assertThrows(SyntaxError.class, () -> o.ws.close(3000, "\udc00".repeat(42)));
    }
  }

  @Test
  void section4_close_whileOpenStartsClosingHandshake() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.close(1000, "bye");
      assertEquals(WebSocket.CLOSING, o.ws.readyState());
      assertEquals(1000, o.conn.closeCode);
      assertEquals("bye", o.conn.closeReason);
      assertFalse(o.conn.aborted());
      o.conn.closing(1000, "bye").closed(1000, "bye", true);
      assertEquals("close:1000:true:bye", o.recorder.next());
      assertEquals(WebSocket.CLOSED, o.ws.readyState());
    }
  }

  @Test
  void section4_close_withoutCodeSendsCloseWithoutStatus() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.close();
      assertEquals(1005, o.conn.closeCode);
      assertEquals("", o.conn.closeReason);
    }
  }

  @Test
  void section4_close_whileConnectingFailsTheConnection() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      try (Harness.Hold hold = h.hold()) {
        o.ws.close(1000, "never mind");
        assertEquals(WebSocket.CLOSING, o.ws.readyState());
        assertTrue(o.conn.aborted());
        assertEquals(-1, o.conn.closeCode);
      }
      assertEquals("error", o.recorder.next());
      assertEquals("close:1006:false:", o.recorder.next());
      assertEquals(WebSocket.CLOSED, o.ws.readyState());
    }
  }

  @Test
  void section4_close_whileConnectingIgnoresAnOpenAlreadyOnItsWay() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      h.context.run(() -> {
        o.conn.open();   // queued behind this task
        o.ws.close();    // readyState is still CONNECTING
      });
      assertEquals("error", o.recorder.next());
      assertEquals("close:1006:false:", o.recorder.next());
      h.idle();
      assertTrue(o.recorder.log.isEmpty(), "no open event after a failed connection");
    }
  }

  @Test
  void section4_close_whileClosingOrClosedDoesNothing() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.close(3001, "first");
      o.ws.close(3002, "second");
      assertEquals(3001, o.conn.closeCode);
      o.conn.closed(3001, "first", true);
      assertEquals("close:3001:true:first", o.recorder.next());
      o.ws.close(3003);
      assertEquals(WebSocket.CLOSED, o.ws.readyState());
      assertEquals(3001, o.conn.closeCode);
    }
  }
}
