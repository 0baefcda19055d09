package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** In-memory checks of the interceptor's rules, on top of the socket tests. */
class HandshakeInterceptorTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "permessage-deflate",
      "permessage-deflate; server_no_context_takeover",
      "permessage-deflate; client_no_context_takeover",
      "permessage-deflate; server_max_window_bits=8",
      "permessage-deflate;server_max_window_bits=\"15\"; client_no_context_takeover",
      "PerMessage-Deflate"})
  void rfc7692_acceptsWhatOkHttpHonours(String header) {
    assertNull(HandshakeInterceptor.checkExtensions(true, List.of(header)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "permessage-deflate; client_max_window_bits",
      "permessage-deflate; client_max_window_bits=15",
      "permessage-deflate; server_max_window_bits=7",
      "permessage-deflate; server_max_window_bits=16",
      "permessage-deflate; server_max_window_bits",
      "permessage-deflate; server_no_context_takeover=1",
      "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
      "permessage-deflate; unknown",
      "permessage-deflate, permessage-deflate",
      "x-other"})
  void rfc7692_refusesWhatWasNotOfferedOrOkHttpCannotHonour(String header) {
    assertNotNull(HandshakeInterceptor.checkExtensions(true, List.of(header)));
  }

  @Test
  void rfc6455_9_1_refusesAnyExtensionWhenNoneOffered() {
    assertNotNull(HandshakeInterceptor.checkExtensions(false, List.of("permessage-deflate")));
    assertNull(HandshakeInterceptor.checkExtensions(false, List.of()));
  }

  @Test
  void rfc6455_4_1_subprotocolRules() {
    assertNull(HandshakeInterceptor.checkProtocol(List.of(), List.of()));
    assertNull(HandshakeInterceptor.checkProtocol(List.of("a", "b"), List.of("b")));
    assertNotNull(HandshakeInterceptor.checkProtocol(List.of("a"), List.of()));
    assertNotNull(HandshakeInterceptor.checkProtocol(List.of(), List.of("a")));
    assertNotNull(HandshakeInterceptor.checkProtocol(List.of("a", "b"), List.of("a, b")));
    assertNotNull(HandshakeInterceptor.checkProtocol(List.of("a", "b"), List.of("a", "b")));
    assertNotNull(HandshakeInterceptor.checkProtocol(List.of("a"), List.of("A")));
  }

  @Test
  void utf8Length_matchesOkiosEncoding() {
    for (String s : List.of("", "abc", "\u00e9", "\u20ac", "\uD83D\uDE00", "a\uD800b", "\uDC00")) {
      assertEquals(okio.ByteString.encodeUtf8(s).size(), Utf8.length(s), s);
    }
  }
}
