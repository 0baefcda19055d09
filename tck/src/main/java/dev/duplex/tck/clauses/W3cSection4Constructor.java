package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.BinaryType;
import dev.duplex.SecurityError;
import dev.duplex.SyntaxError;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.tck.Clause;
import dev.duplex.tck.fixture.HandshakeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W3C sections 4 and 7 through the api over the transport under test: the constructor's URL and
 * protocol checks (each a {@code SyntaxError} or {@code SecurityError}, thrown before anything
 * goes on the wire), the initial attributes, and what the handshake carries (Origin).
 *
 * <p>These clauses exercise the api engine on top of the transport; when one fails for one
 * transport only, look at what the transport reports in {@code opened}.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface W3cSection4Constructor extends ClauseGroup {

  /**
   * Verifies URLs that are not absolute ws/wss URLs without fragment throw SyntaxError.
   *
   * @param url the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "url {0}")
  @ValueSource(strings = {"/chat", "chat", "http://127.0.0.1/", "ftp://127.0.0.1/", "ws://127.0.0.1/#fragment",
      "ws://", "ws://127.0.0.1:99999/", "not a url at all"})
  @Clause(value = "W3C 4 step 1 / W3C 7", summary = "invalid WebSocket URLs throw SyntaxError")
  default void required_w3c7_constructor_rejectsInvalidUrlWithSyntaxError(String url) {
    assertThrows(SyntaxError.class, () -> kit().open(url), url);
  }

  /**
   * Verifies duplicate or malformed subprotocol names throw SyntaxError.
   *
   * @param joined the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "protocols {0}")
  @ValueSource(strings = {"chat,chat", "a b", "", "a,b", "\u00e9t\u00e9", "x;y", "(c)"})
  @Clause(value = "W3C 4 step 5", summary = "duplicate or invalid subprotocol names throw SyntaxError")
  default void required_w3c4_constructor_rejectsInvalidProtocolsWithSyntaxError(String joined) {
    String[] protocols = joined.equals("chat,chat") ? new String[] {"chat", "chat"} : new String[] {joined};
    assertThrows(SyntaxError.class, () -> kit().open(kit().fixture().uri("/").toString(), protocols),
        "protocols " + List.of(protocols));
  }

  /**
   * Verifies blocked ports (SMTP 25, 6667...) throw SecurityError.
   *
   * @param port the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "port {0}")
  @ValueSource(ints = {25, 6667, 1})
  @Clause(value = "W3C 4 step 3 (blocked ports)", summary = "blocked ports throw SecurityError")
  default void required_w3c4_constructor_blocksBadPortsWithSecurityError(int port) {
    assertThrows(SecurityError.class, () -> kit().open("ws://127.0.0.1:" + port + "/"));
  }

  /** Verifies a ws: URL from a secure origin throws SecurityError, and wss: does not. */
  @Test
  @Clause(value = "W3C 4 step 2 (mixed content)", summary = "ws: from an https origin throws SecurityError")
  default void required_w3c4_constructor_rejectsMixedContentWithSecurityError() {
    WebSocketContext secure = kit().context(b -> b.origin("https://app.example"));
    assertThrows(SecurityError.class, () -> kit().open(secure, kit().fixture().uri("/").toString()));
    WebSocket wss = kit().open(secure, "wss://127.0.0.1:" + kit().fixture().port() + "/").socket();
    assertEquals(WebSocket.CONNECTING, wss.readyState(), "wss: from a secure origin is allowed");
  }

  /** Verifies the initial attribute values and that url is the resolved URL. */
  @Test
  @Clause(value = "W3C 4 (initial attributes)", summary = "a new socket is CONNECTING with empty protocol/extensions, blob, 0")
  default void required_w3c4_constructor_startsConnectingWithInitialAttributes() {
    WebSocket ws = kit().open("ws://127.0.0.1:" + kit().fixture().port() + "?q=1", "chat").socket();
    assertEquals(WebSocket.CONNECTING, ws.readyState(), "readyState");
    assertEquals("ws://127.0.0.1:" + kit().fixture().port() + "/?q=1", ws.url(), "url is the resolved URL");
    assertEquals("", ws.protocol(), "protocol");
    assertEquals("", ws.extensions(), "extensions");
    assertEquals(BinaryType.BLOB, ws.binaryType(), "binaryType");
    assertEquals(0, ws.bufferedAmount(), "bufferedAmount");
    assertEquals("GET /?q=1 HTTP/1.1", kit().fixture().accept().readHandshake().requestLine(), "resource name");
  }

  /** Verifies the context's origin is sent, lower-cased, as Origin. */
  @Test
  @Clause(value = "W3C 4 step 6 (origin)", summary = "the context's origin is sent as Origin")
  default void required_w3c4_constructor_sendsOriginOfContext() {
    WebSocketContext ctx = kit().context(b -> b.origin("http://App.Example:8080"));
    kit().open(ctx, kit().fixture().uri("/").toString());
    HandshakeRequest r = kit().fixture().accept().readHandshake();
    assertEquals(List.of("http://app.example:8080"), r.values("Origin"), "Origin in " + r);
  }
}
