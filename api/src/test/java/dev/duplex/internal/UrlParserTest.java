package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.SyntaxError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** W3C section 7, "parse a WebSocket URL's components". */
class UrlParserTest {

  @ParameterizedTest
  @ValueSource(strings = {"/chat", "chat", "//example.com/chat", "", "   ", "example.com:80",
      "1ws://example.com/"})
  void section7_rejectsRelativeUrl(String url) {
    assertThrows(SyntaxError.class, () -> UrlParser.parse(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/", "https://example.com/", "ftp://example.com/",
      "wsx://example.com/", "file:///tmp/x", "mailto:a@b"})
  void section7_rejectsSchemesOtherThanWsAndWss(String url) {
    assertThrows(SyntaxError.class, () -> UrlParser.parse(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws://example.com/#", "ws://example.com/chat#top", "wss://example.com#x",
      "ws://example.com/?q=1#"})
  void section7_rejectsFragment(String url) {
    assertThrows(SyntaxError.class, () -> UrlParser.parse(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws://", "ws:///path", "ws://:8080/", "ws:example.com",
      "ws://example.com:99999/", "ws://example.com:80a/", "ws://[::1/", "ws://exa mple.com/"})
  void section7_rejectsMissingOrInvalidHostAndPort(String url) {
    assertThrows(SyntaxError.class, () -> UrlParser.parse(url));
  }

  @Test
  void section7_step5_secureFollowsTheScheme() {
    assertFalse(UrlParser.parse("ws://example.com/").secure());
    assertTrue(UrlParser.parse("WSS://example.com/").secure());
  }

  @Test
  void section7_step8_defaultPortsAre80And443() {
    assertEquals(80, UrlParser.parse("ws://example.com/").port());
    assertEquals(443, UrlParser.parse("wss://example.com/").port());
    assertEquals(80, UrlParser.parse("ws://example.com:/").port());
  }

  @Test
  void section7_step7_explicitPort() {
    ParsedUrl u = UrlParser.parse("ws://example.com:8080/x");
    assertEquals(8080, u.port());
    assertEquals("ws://example.com:8080/x", u.href());
    assertEquals("wss://example.com/", UrlParser.parse("wss://example.com:443").href());
  }

  @Test
  void section7_steps9to11_resourceName() {
    assertEquals("/", UrlParser.parse("ws://example.com").resourceName());
    assertEquals("/?a=1", UrlParser.parse("ws://example.com?a=1").resourceName());
    assertEquals("/chat/room?a=1&b", UrlParser.parse("ws://example.com/chat/room?a=1&b").resourceName());
    assertEquals("/?", UrlParser.parse("ws://example.com/?").resourceName());
  }

  @Test
  void section7_step2_nonAsciiIsEncodedAsUtf8() {
    ParsedUrl u = UrlParser.parse("ws://b\u00fccher.example/\u00e9t\u00e9?q=\u20ac x");
    assertEquals("xn--bcher-kva.example", u.host());
    assertEquals("/%C3%A9t%C3%A9?q=%E2%82%AC%20x", u.resourceName());
    assertEquals("ws://xn--bcher-kva.example/%C3%A9t%C3%A9?q=%E2%82%AC%20x", u.uri().toString());
  }

  @Test
  void section7_hostIsLowerCasedAndSurroundingSpaceIgnored() {
    ParsedUrl u = UrlParser.parse("  ws://EXAMPLE.com/Path\n ");
    assertEquals("example.com", u.host());
    assertEquals("ws://example.com/Path", u.href());
  }

  @Test
  void section7_ipv6Literal() {
    ParsedUrl u = UrlParser.parse("ws://[::1]:9000/x");
    assertEquals("[::1]", u.host());
    assertEquals(9000, u.port());
    assertEquals("::1", dev.duplex.spi.ConnectRequest.builder(u.uri()).build().host());
  }

  @Test
  void section7_userInfoIsIgnored() {
    assertEquals("ws://example.com/", UrlParser.parse("ws://user:pw@example.com/").href());
  }

  @Test
  void section5_messageOriginIsTheUrlsOrigin() {
    assertEquals("wss://example.com:8443", UrlParser.parse("wss://example.com:8443/x?y").origin());
    assertEquals("ws://example.com", UrlParser.parse("ws://example.com:80/").origin());
    assertEquals("ws://b\u00fccher.example", UrlParser.parse("ws://b\u00fccher.example/").origin(),
        "the Unicode serialization");
  }

  @Test
  void section4_cookiesUseTheHttpFormOfTheUrl() {
    assertEquals("https://example.com:8443/x?y", UrlParser.parse("wss://example.com:8443/x?y").httpUri().toString());
    assertEquals("http://example.com/", UrlParser.parse("ws://example.com").httpUri().toString());
  }
}
