package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.BinaryType;
import dev.duplex.Blob;
import dev.duplex.CloseEvent;
import dev.duplex.MessageEvent;
import dev.duplex.WebSocket;
import dev.duplex.tck.Clause;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.client.ApiEvent;
import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.HandshakeRequest;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W3C section 5, "feedback from the protocol": the open event with protocol and extensions set,
 * Set-Cookie applied, message events of each data type, server-initiated close with each code,
 * 1005 and 1006, error-then-close ordering, and that scripts cannot tell failures apart.
 *
 * <p>When one fails, check what the transport reported ({@code opened} headers, {@code closing},
 * {@code closed} versus {@code failed}): the api turns those callbacks into these events.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface W3cSection5Feedback extends ClauseGroup {

  /** Verifies readyState OPEN and the selected protocol are visible in the open handler. */
  @Test
  @Clause(value = "W3C 5 (established: OPEN, extensions, protocol, then open)",
      summary = "the open event sees OPEN and the selected protocol")
  default void required_w3c5_open_setsStateAndProtocolBeforeOpenEvent() {
    ApiSocket s = kit().open(kit().fixture().uri("/").toString(), "chat", "superchat");
    kit().fixture().acceptOpen("Sec-WebSocket-Protocol: superchat");
    ApiEvent open = s.awaitOpen();
    assertEquals(WebSocket.OPEN, open.readyState(), "readyState in onopen");
    assertEquals("superchat", s.socket().protocol(), "protocol");
    assertEquals("", s.socket().extensions(), "extensions");
  }

  /** Verifies cookies set on the handshake are sent on the next handshake to the same host. */
  @Test
  @Clause(value = "W3C 5 step 4 / W3C 4 step 8 (cookies)", summary = "Set-Cookie from a handshake is sent next time")
  default void required_w3c5_open_appliesSetCookieToNextHandshake() {
    ApiSocket first = kit().open(kit().fixture().uri("/a").toString());
    kit().fixture().acceptOpen("Set-Cookie: tck=yes; Path=/");
    first.awaitOpen();
    kit().open(kit().fixture().uri("/b").toString());
    HandshakeRequest second = kit().fixture().accept().readHandshake();
    assertTrue(second.values("Cookie").stream().anyMatch(c -> c.contains("tck=yes")), "Cookie in " + second);
  }

  /** Verifies text, blob and arraybuffer messages, and the origin of message events. */
  @Test
  @Clause(value = "W3C 5 (message: data types, origin)", summary = "text, Blob and read-only ByteBuffer data, with origin")
  default void required_w3c5_message_deliversEachDataType() {
    ApiOpened o = apiOpenOnFixture();
    o.peer().send(Frame.text("hi \u00e9"), Frame.binary(new byte[] {1, 2}));
    MessageEvent text = o.socket().awaitMessage();
    assertEquals("hi \u00e9", text.data());
    assertEquals("ws://127.0.0.1:" + kit().fixture().port(), text.origin(), "origin of the message event");
    Blob blob = assertInstanceOf(Blob.class, o.socket().awaitMessage().data(), "binaryType blob");
    assertArrayEquals(new byte[] {1, 2}, blob.bytes());
    o.socket().onLoop(() -> {
      o.socket().socket().binaryType(BinaryType.ARRAYBUFFER);
      return null;
    });
    o.peer().send(Frame.binary(new byte[] {3}));
    ByteBuffer buffer = assertInstanceOf(ByteBuffer.class, o.socket().awaitMessage().data(), "binaryType arraybuffer");
    assertTrue(buffer.isReadOnly(), "the ArrayBuffer is read-only");
    assertEquals(3, buffer.get(0));
  }

  /**
   * Verifies a server-initiated close reports the server's code and reason, cleanly.
   *
   * @param code the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "code {0}")
  @ValueSource(ints = {1000, 1001, 1003, 1011, 3000, 4999})
  @Clause(value = "W3C 5 (close event: code and reason)", summary = "the server's code and reason reach onclose")
  default void required_w3c5_close_reportsServerCodeAndReason(int code) {
    ApiOpened o = apiOpenOnFixture();
    o.peer().send(Frame.close(code, "reason " + code));
    o.peer().readFrame(Frame.CLOSE);
    o.peer().close();
    CloseEvent close = o.socket().awaitClose();
    assertEquals(code, close.code());
    assertEquals("reason " + code, close.reason());
    assertTrue(close.wasClean(), "clean");
  }

  /**
   * Verifies the server starting the closing handshake moves readyState on from OPEN: to CLOSING
   * while TCP is still open, and to CLOSED only once the connection is closed (a transport may
   * close TCP itself right after the Close frames crossed, RFC 6455 7.1.1).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Test
  @Clause(value = "W3C 5 (closing handshake started: CLOSING)",
      summary = "a server Close makes readyState CLOSING, and CLOSED only once TCP is closed")
  default void required_w3c5_closing_serverCloseMakesReadyStateClosing() throws InterruptedException {
    var ctx = kit().context(b -> b.closeTimeout(Timeouts.WAIT));
    ApiSocket s = kit().open(ctx, kit().fixture().uri("/").toString());
    FixturePeer peer = kit().fixture().acceptOpen();
    s.awaitOpen();
    peer.send(Frame.close(1000, ""));
    peer.readFrame(Frame.CLOSE);
    long deadline = System.nanoTime() + Timeouts.WAIT.toNanos();
    int state = WebSocket.OPEN;
    while (state == WebSocket.OPEN && System.nanoTime() < deadline) {
      state = s.onLoop(s.socket()::readyState);
      Thread.sleep(2);
    }
    // RFC 6455 7.1.1 lets a client close TCP itself once both Close frames are exchanged, so
    // CLOSED (or a close event right after CLOSING was sampled) is correct only if it did.
    boolean closeSeen = state == WebSocket.CLOSED
        || s.history().stream().anyMatch(e -> e.type().equals("close"));
    if (closeSeen) {
      assertEquals(null, peer.readFrameOrEof(), "the socket is CLOSED, so the client must have closed TCP");
    } else {
      assertEquals(WebSocket.CLOSING, state, "readyState once the server's Close was answered");
      peer.close();
    }
    ApiEvent close = s.next("close");
    assertEquals(WebSocket.CLOSED, close.readyState(), "readyState in onclose");
  }

  /** Verifies an empty server Close frame is reported as 1005 with an empty reason. */
  @Test
  @Clause(value = "W3C 5 / RFC 6455 7.1.5 (1005)", summary = "an empty Close frame is reported as 1005")
  default void required_w3c5_close_reports1005ForEmptyCloseFrame() {
    ApiOpened o = apiOpenOnFixture();
    o.peer().send(Frame.close());
    o.peer().readFrame(Frame.CLOSE);
    o.peer().close();
    CloseEvent close = o.socket().awaitClose();
    assertEquals(1005, close.code());
    assertEquals("", close.reason());
  }

  /** Verifies TCP closed without a Close frame is reported as 1006, not clean. */
  @Test
  @Clause(value = "W3C 5 / RFC 6455 7.1.5 (1006)", summary = "TCP dropped without Close is 1006, not clean")
  default void required_w3c5_close_reports1006WhenConnectionDrops() {
    ApiOpened o = apiOpenOnFixture();
    o.peer().close();
    ApiEvent last = o.socket().next();
    if (last.type().equals("error")) {
      last = o.socket().next("close");
    }
    assertEquals("close", last.type(), "event after the drop: " + last);
    assertEquals(1006, last.close().code());
    assertFalse(last.close().wasClean());
  }

  /** Verifies a failed handshake gives error, then close 1006, both with readyState CLOSED. */
  @Test
  @Clause(value = "W3C 5 (fail: error then close)", summary = "a failed handshake fires error then close 1006")
  default void required_w3c5_fail_firesErrorThenClose1006() {
    ApiSocket s = kit().open(kit().fixture().uri("/").toString());
    FixturePeer peer = kit().fixture().accept();
    peer.readHandshake();
    peer.respond("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    s.awaitErrorThenClose1006();
    assertEquals(List.of("error", "close"), s.history().stream().map(ApiEvent::type).toList(), "events");
  }

  /** Verifies a protocol violation after open also gives error then close 1006. */
  @Test
  @Clause(value = "W3C 5 (fail after open)", summary = "a protocol error after open fires error then close 1006")
  default void required_w3c5_fail_protocolErrorAfterOpenFiresErrorThenClose() {
    ApiOpened o = apiOpenOnFixture();
    o.peer().send(Frame.of(0xB, new byte[0]));
    o.socket().awaitErrorThenClose1006();
  }

  /** Verifies a refused connection and a bad handshake look the same to the script. */
  @Test
  @Clause(value = "W3C 5 (failures indistinguishable)", summary = "refused and bad-handshake failures look identical")
  default void required_w3c5_fail_hidesWhyTheConnectionFailed() {
    ApiSocket refused = kit().open(kit().refusingPort().uri("/").toString());
    ApiSocket rejected = kit().open(kit().fixture().uri("/").toString());
    FixturePeer peer = kit().fixture().accept();
    peer.readHandshake();
    peer.respond(FixturePeer.switchingProtocols("wrong"));
    CloseEvent a = refused.awaitErrorThenClose1006();
    CloseEvent b = rejected.awaitErrorThenClose1006();
    assertEquals(List.of(a.code(), a.reason(), a.wasClean()), List.of(b.code(), b.reason(), b.wasClean()),
        "what a script sees of two different failures");
  }
}
