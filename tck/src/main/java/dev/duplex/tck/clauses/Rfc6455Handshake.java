package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Handshake;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.HandshakeRequest;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 section 4.1: the client's opening handshake request, and every check of the server's
 * response. Each failed check must fail the WebSocket connection (the transport reports
 * {@code failed}; the api turns that into an error event and close code 1006).
 *
 * <p>When one fails, look at the request the fixture recorded (the assertion message quotes it)
 * or at which response check the transport skipped.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455Handshake extends ClauseGroup {

  private HandshakeRequest requestFor(URI uri, java.util.function.Consumer<dev.duplex.spi.ConnectRequest.Builder> b) {
    kit().connect(uri, b);
    FixturePeer peer = kit().fixture().accept();
    return peer.readHandshake();
  }

  private Client respondWith(String response, java.util.function.Consumer<dev.duplex.spi.ConnectRequest.Builder> b) {
    Client client = kit().connect(kit().fixture().uri("/tck"), b);
    FixturePeer peer = kit().fixture().accept();
    HandshakeRequest req = peer.readHandshake();
    peer.respond(response.replace("{accept}", FixturePeer.acceptFor(req.key())));
    return client;
  }

  private Client respondWith(String response) {
    return respondWith(response, b -> {});
  }

  /** Verifies the request line is {@code GET <resource name> HTTP/1.1} with path and query. */
  @Test
  @Clause(value = "RFC 6455 4.1 (request line)", summary = "the request line is GET with the resource name and HTTP/1.1")
  default void required_rfc6455_4_1_sendsGetWithResourceName() {
    HandshakeRequest r = requestFor(kit().fixture().uri("/chat/room?x=1&y=%20"), b -> {});
    assertEquals("GET /chat/room?x=1&y=%20 HTTP/1.1", r.requestLine(), "request line");
  }

  /** Verifies the {@code Host} header carries the host and the non-default port. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Host)", summary = "the Host header names host and port")
  default void required_rfc6455_4_1_sendsHostHeader() {
    HandshakeRequest r = requestFor(kit().fixture().uri("/"), b -> {});
    assertEquals(List.of("127.0.0.1:" + kit().fixture().port()), r.values("Host"), "Host header in " + r);
  }

  /** Verifies {@code Upgrade: websocket}, {@code Connection: Upgrade} and version 13 are sent. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Upgrade, Connection, Sec-WebSocket-Version)",
      summary = "Upgrade websocket, Connection Upgrade and Sec-WebSocket-Version 13 are sent")
  default void required_rfc6455_4_1_sendsUpgradeConnectionAndVersion() {
    HandshakeRequest r = requestFor(kit().fixture().uri("/"), b -> {});
    assertEquals(List.of("websocket"), r.tokens("Upgrade"), "Upgrade in " + r);
    assertTrue(r.tokens("Connection").contains("upgrade"), "Connection must list Upgrade: " + r);
    assertEquals(List.of("13"), r.values("Sec-WebSocket-Version"), "Sec-WebSocket-Version in " + r);
  }

  /** Verifies the key is 16 random bytes in base64 and differs between two connections. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Sec-WebSocket-Key)", summary = "the key is a fresh base64 nonce of 16 bytes")
  default void required_rfc6455_4_1_sendsFreshSixteenByteKey() {
    HandshakeRequest first = requestFor(kit().fixture().uri("/"), b -> {});
    HandshakeRequest second = requestFor(kit().fixture().uri("/"), b -> {});
    assertEquals(16, Base64.getDecoder().decode(first.key()).length, "decoded key length of " + first.key());
    assertNotEquals(first.key(), second.key(), "two connections must use different keys");
  }

  /** Verifies the Origin, the offered subprotocols (in order) and extra headers are sent. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Origin, Sec-WebSocket-Protocol, extra headers)",
      summary = "Origin, offered subprotocols and the engine's extra headers (Cookie) are sent")
  default void required_rfc6455_4_1_sendsOriginProtocolsAndExtraHeaders() {
    HandshakeRequest r = requestFor(kit().fixture().uri("/"), b -> b.origin("https://app.example")
        .protocols(List.of("chat", "superchat")).header("Cookie", "a=1; b=2"));
    assertEquals(List.of("https://app.example"), r.values("Origin"), "Origin in " + r);
    assertEquals(List.of("chat", "superchat"), r.tokens("Sec-WebSocket-Protocol"), "protocols in " + r);
    assertEquals(List.of("a=1; b=2"), r.values("Cookie"), "Cookie in " + r);
  }

  /** Verifies a correct 101 response opens the connection and reports the selected protocol. */
  @Test
  @Clause(value = "RFC 6455 4.1 (valid response)", summary = "a correct 101 opens and reports protocol and headers")
  default void required_rfc6455_4_1_opensOnValidResponseAndReportsProtocol() {
    Client client = respondWith(FixturePeer.switchingProtocols("{accept}", "Sec-WebSocket-Protocol: superchat",
        "Set-Cookie: id=42"), b -> b.protocols(List.of("chat", "superchat")));
    Handshake h = client.events().awaitOpened();
    assertEquals("superchat", h.protocol(), "selected subprotocol");
    assertEquals("", h.extensions(), "no extension was negotiated");
    assertEquals(List.of("id=42"), h.header("set-cookie"), "response headers must be reported");
  }

  /** Verifies header names and the Upgrade value are compared case-insensitively. */
  @Test
  @Clause(value = "RFC 6455 4.1 (case-insensitive)", summary = "header names and Upgrade value are case-insensitive")
  default void required_rfc6455_4_1_acceptsHeadersInAnyCase() {
    Client client = respondWith("HTTP/1.1 101 Switching Protocols\r\nUPGRADE: WebSocket\r\n"
        + "connection: upgrade\r\nsec-websocket-accept: {accept}\r\n\r\n");
    client.events().awaitOpened();
  }

  /** Verifies a Connection header listing several tokens is accepted. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Connection token list)", requires = Capability.CONNECTION_TOKEN_LIST,
      summary = "Connection: keep-alive, Upgrade is accepted")
  default void required_rfc6455_4_1_acceptsConnectionTokenList() {
    Client client = respondWith("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
    client.events().awaitOpened();
  }

  /** Verifies a frame in the same TCP segment as the 101 response is delivered. */
  @Test
  @Clause(value = "RFC 6455 4.1 (data after the response)", summary = "a frame sent with the 101 response is delivered")
  default void required_rfc6455_4_1_deliversFrameSentWithResponse() {
    Client client = kit().connect(kit().fixture().uri("/"));
    FixturePeer peer = kit().fixture().accept();
    HandshakeRequest req = peer.readHandshake();
    byte[] response = FixturePeer.switchingProtocols(FixturePeer.acceptFor(req.key()))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] frame = Frame.text("early").encode();
    byte[] both = java.util.Arrays.copyOf(response, response.length + frame.length);
    System.arraycopy(frame, 0, both, response.length, frame.length);
    peer.write(both);
    client.events().awaitOpened();
    assertEquals("early", client.events().awaitText());
  }

  /** Verifies a redirect (302) fails the connection and is not followed. */
  @Test
  @Clause(value = "RFC 6455 4.1 (status 101) / W3C 4 (no redirects)", summary = "a 302 fails the connection")
  default void required_rfc6455_4_1_failsOnRedirect() {
    respondWith("HTTP/1.1 302 Found\r\nLocation: " + kit().fixture().uri("/elsewhere").toString().replace("ws:", "http:")
        + "\r\nContent-Length: 0\r\n\r\n").events().awaitFailed();
  }

  /** Verifies a 200 response with the right headers fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (status 101)", summary = "a status other than 101 fails the connection")
  default void required_rfc6455_4_1_failsOnStatus200() {
    respondWith("HTTP/1.1 200 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: {accept}\r\nContent-Length: 0\r\n\r\n").events().awaitFailed();
  }

  /** Verifies a response that is not HTTP fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (not HTTP)", summary = "garbage instead of HTTP fails the connection")
  default void required_rfc6455_4_1_failsOnGarbageResponse() {
    respondWith("SSH-2.0-OpenSSH_9.0\r\n\r\n").events().awaitFailed();
  }

  /** Verifies a missing Upgrade header fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Upgrade missing)", summary = "a 101 without Upgrade fails the connection")
  default void required_rfc6455_4_1_failsOnMissingUpgrade() {
    respondWith("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n")
        .events().awaitFailed();
  }

  /** Verifies an Upgrade header naming another protocol fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Upgrade wrong)", summary = "Upgrade: h2c fails the connection")
  default void required_rfc6455_4_1_failsOnWrongUpgrade() {
    respondWith("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: {accept}\r\n\r\n").events().awaitFailed();
  }

  /** Verifies a missing Connection header fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Connection missing)", summary = "a 101 without Connection fails the connection")
  default void required_rfc6455_4_1_failsOnMissingConnection() {
    respondWith("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n\r\n")
        .events().awaitFailed();
  }

  /** Verifies a wrong Sec-WebSocket-Accept fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Sec-WebSocket-Accept wrong)", summary = "a wrong accept value fails the connection")
  default void required_rfc6455_4_1_failsOnWrongAccept() {
    respondWith(FixturePeer.switchingProtocols(FixturePeer.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")))
        .events().awaitFailed();
  }

  /** Verifies a missing Sec-WebSocket-Accept fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (Sec-WebSocket-Accept missing)", summary = "a missing accept fails the connection")
  default void required_rfc6455_4_1_failsOnMissingAccept() {
    respondWith("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
        .events().awaitFailed();
  }

  /** Verifies a subprotocol the client did not offer fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (unoffered subprotocol)", summary = "an unoffered subprotocol fails the connection")
  default void required_rfc6455_4_1_failsOnUnofferedSubprotocol() {
    respondWith(FixturePeer.switchingProtocols("{accept}", "Sec-WebSocket-Protocol: other"),
        b -> b.protocols(List.of("chat"))).events().awaitFailed();
  }

  /** Verifies a subprotocol when none was offered fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (subprotocol without offer)", summary = "a subprotocol when none was offered fails")
  default void required_rfc6455_4_1_failsOnSubprotocolWhenNoneOffered() {
    respondWith(FixturePeer.switchingProtocols("{accept}", "Sec-WebSocket-Protocol: chat")).events().awaitFailed();
  }

  /** Verifies that when protocols were offered the server must select one (W3C constructor). */
  @Test
  @Clause(value = "W3C 4 (protocols: server must select one)", summary = "no selected subprotocol when some were offered fails")
  default void required_w3c4_constructor_failsWhenServerSelectsNoOfferedSubprotocol() {
    respondWith(FixturePeer.switchingProtocols("{accept}"), b -> b.protocols(List.of("chat"))).events().awaitFailed();
  }

  /** Verifies an extension the client did not offer fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (unoffered extension)", summary = "an unoffered extension fails the connection")
  default void required_rfc6455_4_1_failsOnUnofferedExtension() {
    respondWith(FixturePeer.switchingProtocols("{accept}", "Sec-WebSocket-Extensions: x-unknown-extension"))
        .events().awaitFailed();
  }

  /** Verifies a server that closes TCP during the handshake fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (handshake incomplete)", summary = "TCP closed mid-handshake fails the connection")
  default void required_rfc6455_4_1_failsWhenServerClosesDuringHandshake() {
    Client client = kit().connect(kit().fixture().uri("/"));
    FixturePeer peer = kit().fixture().accept();
    peer.readHandshake();
    peer.respond("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n");
    peer.close();
    client.events().awaitFailed();
  }

  /** Verifies a refused TCP connection fails the connection (reported, not thrown). */
  @Test
  @Clause(value = "RFC 6455 4.1 (connection refused)", summary = "a refused TCP connection fails the connection")
  default void required_rfc6455_4_1_failsOnConnectionRefused() {
    kit().connect(kit().refusingPort().uri("/")).events().awaitFailed();
  }
}
