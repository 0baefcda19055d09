package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.MixedContentPolicy;
import dev.duplex.spi.PortBlockingPolicy;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W3C section 4, the WebSocket constructor, steps 1–8. */
class ConstructorTest {

  @Test
  void section4_constructor_syntaxErrorForUnparsableUrl() {
    try (Harness h = new Harness()) {
      SyntaxError e = assertThrows(SyntaxError.class, () -> h.context.open("http://example.com/"));
      assertEquals("SyntaxError", e.name());
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com/#x"));
      assertThrows(SyntaxError.class, () -> h.context.open("/relative"));
    }
  }

  @Test
  void section4_constructor_blockedPortThrowsSecurityError() {
    try (Harness h = new Harness()) {
      SecurityError e = assertThrows(SecurityError.class, () -> h.context.open("ws://example.com:25/"));
      assertEquals("SecurityError", e.name());
    }
  }

  @Test
  void section4_constructor_ports80And443AreNeverBlocked() throws Exception {
    PortBlockingPolicy blockAll = port -> true;
    try (Harness h = new Harness(b -> b.portBlocking(blockAll))) {
      h.context.open("ws://example.com:443/");
      h.context.open("wss://example.com:80/");
      assertEquals(443, h.transport.next().request.port());
      assertEquals(80, h.transport.next().request.port());
      assertThrows(SecurityError.class, () -> h.context.open("ws://example.com:8080/"));
    }
  }

  @Test
  void section4_constructor_insecureUrlFromSecureOriginThrowsSecurityError() throws Exception {
    try (Harness h = new Harness(b -> b.origin("https://app.example"))) {
      assertThrows(SecurityError.class, () -> h.context.open("ws://example.com/"));
      h.context.open("wss://example.com/");
      assertEquals("https://app.example", h.transport.next().request.origin().orElseThrow());
    }
  }

  @Test
  void section4_constructor_mixedContentPolicyDecides() throws Exception {
    MixedContentPolicy never = (origin, target) -> false;
    try (Harness h = new Harness(b -> b.origin("https://app.example").mixedContent(never))) {
      h.context.open("ws://example.com/");
      assertEquals("ws://example.com/", h.transport.next().request.uri().toString());
    }
  }

  @Test
  void section4_constructor_checksUrlBeforeSecurity() {
    try (Harness h = new Harness(b -> b.origin("https://app.example"))) {
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com:25/#f"));
    }
  }

  @Test
  void section4_constructor_invalidProtocolsThrowSyntaxError() {
    try (Harness h = new Harness()) {
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com/", ""));
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com/", "a b"));
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com/", "chat", "chat"));
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com/", "a/b"));
      assertThrows(SyntaxError.class, () -> h.context.open("ws://example.com/", "caf\u00e9"));
    }
  }

  @Test
  void section4_constructor_returnsConnectingAndEstablishesWithProtocolsAndOrigin()
      throws Exception {
    try (Harness h = new Harness(b -> b.origin("HTTPS://App.Example:443"))) {
      Harness.Opened o = h.open("wss://Example.com:8443/chat?room=1", "v2", "v1");
      assertEquals(WebSocket.CONNECTING, o.ws.readyState());
      assertEquals("wss://example.com:8443/chat?room=1", o.ws.url());
      assertEquals(List.of("v2", "v1"), o.conn.request.protocols());
      assertEquals("/chat?room=1", o.conn.request.resourceName());
      assertEquals("https://app.example", o.conn.request.origin().orElseThrow());
      assertEquals("", o.ws.protocol());
      assertEquals("", o.ws.extensions());
    }
  }

  @Test
  void section4_constructor_noOriginHeaderWithoutOrigin() throws Exception {
    try (Harness h = new Harness()) {
      assertTrue(h.open("ws://example.com/").conn.request.origin().isEmpty());
    }
  }

  @Test
  void section4_constructor_sendsCookieHeaderFromTheStore() throws Exception {
    CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpCookie cookie = new HttpCookie("session", "abc");
    cookie.setPath("/");
    cookie.setVersion(0);
    jar.getCookieStore().add(URI.create("http://example.com/"), cookie);
    try (Harness h = new Harness(b -> b.cookieStore(() -> jar))) {
      Harness.Opened o = h.open("ws://example.com/chat");
      List<Map.Entry<String, String>> headers = o.conn.request.headers();
      assertEquals(List.of(Map.entry("Cookie", "session=abc")), headers);
    }
  }

  @Test
  void section4_constructor_passesPolicyLimitsToTheTransport() throws Exception {
    try (Harness h = new Harness(b -> b.permessageDeflate(false)
        .closeTimeout(java.time.Duration.ofSeconds(2))
        .maxMessageSize(dev.duplex.spi.MessageSizePolicy.of(1234))
        .handshakeTimeout(dev.duplex.spi.HandshakeTimeoutPolicy.of(java.time.Duration.ofSeconds(3)))
        .keepAlive(dev.duplex.spi.KeepAlivePolicy.every(java.time.Duration.ofSeconds(7),
            java.time.Duration.ofSeconds(4))))) {
      var r = h.open("ws://example.com/").conn.request;
      assertEquals(false, r.permessageDeflate());
      assertEquals(java.time.Duration.ofSeconds(2), r.closeTimeout());
      assertEquals(1234, r.maxMessageSize());
      assertEquals(java.time.Duration.ofSeconds(3), r.handshakeTimeout());
      assertEquals(java.time.Duration.ofSeconds(7), r.pingInterval());
      assertEquals(java.time.Duration.ofSeconds(4), r.pongTimeout());
    }
  }
}
