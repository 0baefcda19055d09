package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Handshake;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.ScriptedServer;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The opening handshake (RFC 6455 section 4.1) against a scripted raw-TCP server. */
class NioHandshakeTest extends WithTransport {

  @Test
  void rfc6455_4_1_sendsEveryRequiredRequestHeaderPlusOriginAndCookie() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/chat?room=1"))
          .protocols(java.util.List.of("v2", "v1")).origin("https://app.example")
          .header("Cookie", "a=b").build(), listener);
      ScriptedServer.Peer peer = server.accept();
      assertEquals("GET /chat?room=1 HTTP/1.1", peer.requestLine());
      assertEquals("127.0.0.1:" + server.port(), peer.header("Host"));
      assertEquals("websocket", peer.header("Upgrade"));
      assertEquals("Upgrade", peer.header("Connection"));
      assertEquals("13", peer.header("Sec-WebSocket-Version"));
      assertEquals(16, Base64.getDecoder().decode(peer.header("Sec-WebSocket-Key")).length);
      assertEquals("v2, v1", peer.header("Sec-WebSocket-Protocol"));
      assertEquals("https://app.example", peer.header("Origin"));
      assertEquals("a=b", peer.header("Cookie"));
      assertNull(peer.header("Sec-WebSocket-Extensions"), "deflate is offered only when asked");
      peer.respond101("Sec-WebSocket-Protocol: v1", "Set-Cookie: c=d");
      Handshake hs = listener.awaitOpened();
      assertEquals("v1", hs.protocol());
      assertEquals("", hs.extensions());
      assertEquals(java.util.List.of("c=d"), hs.header("set-cookie"));
      listener.assertExhausted();
    }
  }

  @Test
  void rfc6455_4_1_keysAreFreshForEveryConnection() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), new RecordingListener());
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), new RecordingListener());
      String a = server.accept().header("Sec-WebSocket-Key");
      String b = server.accept().header("Sec-WebSocket-Key");
      assertTrue(!a.equals(b), "two connections used the same key " + a);
    }
  }

  @Test
  void rfc6455_4_1_acceptsConnectionHeaderAsATokenList() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      peer.respond("HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\n"
          + "Connection: keep-alive, upgrade\r\nSec-WebSocket-Accept: "
          + ScriptedServer.Peer.accept(peer.header("Sec-WebSocket-Key")) + "\r\n\r\n");
      listener.awaitOpened();
    }
  }

  @Test
  void rfc6455_4_1_framesRightAfterTheResponseAreDelivered() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
          + ScriptedServer.Peer.accept(peer.header("Sec-WebSocket-Key")) + "\r\n\r\n";
      byte[] head = response.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] all = java.util.Arrays.copyOf(head, head.length + 4);
      System.arraycopy(new byte[] {(byte) 0x81, 2, 'h', 'i'}, 0, all, head.length, 4);
      peer.write(all);
      listener.awaitOpened();
      assertEquals("hi", listener.awaitText());
    }
  }

  /** Each row: a response that must fail the connection, and the requirement it breaks. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "HTTP/1.1 302 Found\\r\\nLocation: ws://127.0.0.1:1/\\r\\n\\r\\n | 4.1: a redirect is not followed",
      "HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n | 4.1 req 1: status must be 101",
      "HTTP/1.1 101 Switching Protocols\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\n\\r\\n | 4.1 req 2: Upgrade missing",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: h2c\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\n\\r\\n | 4.1 req 2: Upgrade not websocket",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\n\\r\\n | 4.1 req 3: Connection missing",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: keep-alive\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\n\\r\\n | 4.1 req 3: Connection without upgrade",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n\\r\\n | 4.1 req 4: Accept missing",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: LOWER\\r\\n\\r\\n | 4.1 req 4: Accept compared exactly",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\nSec-WebSocket-Extensions: x-unknown\\r\\n\\r\\n | 4.1 req 5: extension not offered",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\nSec-WebSocket-Extensions: permessage-deflate\\r\\n\\r\\n | 4.1 req 5: deflate not offered",
      "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ACCEPT\\r\\nSec-WebSocket-Protocol: chat\\r\\n\\r\\n | 4.1 req 6: subprotocol not offered",
      "HTTP/1.0 101 Switching Protocols | not HTTP at all: the head never ends before the server closes",
      "SSH-2.0-OpenSSH_9.6\\r\\n\\r\\n | not an HTTP status line",
  })
  void rfc6455_4_1_failsTheConnectionOnABadResponse(String response, String what) throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      String accept = ScriptedServer.Peer.accept(peer.header("Sec-WebSocket-Key"));
      peer.respond(response.replace("\\r\\n", "\r\n").replace("ACCEPT", accept)
          .replace("LOWER", accept.toLowerCase(java.util.Locale.ROOT)));
      peer.close();
      Throwable cause = listener.awaitFailed();
      assertNotNull(cause.getMessage(), what);
      listener.assertExhausted();
    }
  }

  @Test
  void rfc6455_4_1_failsWhenNoSubprotocolIsSelectedButSomeWereOffered() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/"))
          .protocols(java.util.List.of("chat")).build(), listener);
      server.accept().respond101();
      assertTrue(listener.awaitFailed().getMessage().contains("none of the subprotocols"));
    }
  }

  @Test
  void rfc6455_4_1_responseHeadIsBoundedTo8KiB() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      peer.respond("HTTP/1.1 101 Switching Protocols\r\n");
      String filler = "X-Filler: " + "a".repeat(1000) + "\r\n";
      try {
        for (int i = 0; i < 100; i++) {
          peer.respond(filler);
        }
      } catch (java.io.IOException clientGaveUp) {
        // expected once the client has closed
      }
      assertTrue(listener.awaitFailed().getMessage().contains("8192"));
    }
  }

  @Test
  void handshakeTimeout_failsWhenTheServerNeverAnswers() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/"))
          .handshakeTimeout(Duration.ofMillis(300)).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      assertTrue(listener.awaitFailed().getMessage().contains("PT0.3S"));
      peer.expectEof();
    }
  }

  @Test
  void connect_failsOnARefusedPort() throws Exception {
    try (dev.duplex.tck.fixture.RefusingPort refusing = dev.duplex.tck.fixture.RefusingPort.hold()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(refusing.uri("/")).build(), listener);
      assertTrue(listener.awaitFailed().getMessage().startsWith("Cannot connect"));
      listener.assertExhausted();
    }
  }

  @Test
  void connect_failsOnAnUnresolvableHost() throws Exception {
    RecordingListener listener = new RecordingListener();
    transport.connect(ConnectRequest.builder(URI.create("ws://no-such-host.invalid/")).build(),
        listener);
    assertTrue(listener.awaitFailed().getMessage().startsWith("Cannot resolve"));
  }

  @Test
  void connect_neverCallsTheListenerBeforeReturning() throws Exception {
    RecordingListener listener = new RecordingListener();
    // An unresolvable name fails fast, yet only after connect has returned.
    assertNotNull(transport.connect(
        ConnectRequest.builder(URI.create("ws://no-such-host.invalid/")).build(), listener));
    listener.awaitFailed();
  }
}
