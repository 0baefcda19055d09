package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Handshake;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.HandshakeRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The opening-handshake checks the adapter's interceptor adds to OkHttp, over real sockets: each
 * refused response fails the connection without {@code opened} and closes its TCP connection.
 */
class HandshakeCompensationTest extends FixtureTest {

  private Throwable refused(Client client, FixturePeer peer) {
    Throwable cause = client.events().awaitFailed();
    assertTrue(client.events().history().stream().noneMatch(e -> e.kind() == Kind.OPENED));
    peer.awaitEof();
    return cause;
  }

  @Test
  void rfc6455_4_1_failsOnSubprotocolNotOffered() {
    Client client = harness.connect(server.uri("/"), b -> b.protocols(List.of("chat", "superchat")));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.acceptHandshake("Sec-WebSocket-Protocol: other");
    assertEquals(Optional.of("chat, superchat"), request.header("Sec-WebSocket-Protocol"));
    assertTrue(refused(client, peer).getMessage().contains("'other'"));
  }

  @Test
  void rfc6455_4_1_failsOnSubprotocolWhenNoneOffered() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    peer.acceptHandshake("Sec-WebSocket-Protocol: chat");
    assertTrue(refused(client, peer).getMessage().contains("none was offered"));
  }

  @Test
  void w3c_establish_failsWhenOfferedSubprotocolIsMissing() {
    Client client = harness.connect(server.uri("/"), b -> b.protocols(List.of("chat")));
    FixturePeer peer = server.accept();
    peer.acceptHandshake();
    assertTrue(refused(client, peer).getMessage().contains("no subprotocol"));
  }

  @Test
  void rfc6455_4_1_reportsTheSelectedSubprotocol() {
    Client client = harness.connect(server.uri("/"), b -> b.protocols(List.of("chat", "superchat")));
    server.accept().acceptHandshake("Sec-WebSocket-Protocol: superchat");
    Handshake handshake = client.events().awaitOpened();
    assertEquals("superchat", handshake.protocol());
    assertEquals("", handshake.extensions());
  }

  @Test
  void rfc7692_permessageDeflateFalse_stripsOkHttpsOffer() {
    Client client = harness.connect(server.uri("/"), b -> b.permessageDeflate(false));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.acceptHandshake();
    assertEquals(List.of(), request.values("Sec-WebSocket-Extensions"));
    assertNotNull(client.events().awaitOpened());
  }

  @Test
  void rfc6455_9_1_failsOnExtensionNotOffered() {
    Client client = harness.connect(server.uri("/"), b -> b.permessageDeflate(false));
    FixturePeer peer = server.accept();
    peer.acceptHandshake("Sec-WebSocket-Extensions: permessage-deflate");
    assertTrue(refused(client, peer).getMessage().contains("not offered"));
  }

  @Test
  void rfc7692_offersPermessageDeflateWhenAskedAndReportsTheAnswer() {
    Client client = harness.connect(server.uri("/"), b -> b.permessageDeflate(true));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.acceptHandshake(
        "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover;"
            + " client_no_context_takeover; server_max_window_bits=10");
    assertEquals(Optional.of("permessage-deflate"), request.header("Sec-WebSocket-Extensions"));
    Handshake handshake = client.events().awaitOpened();
    assertTrue(handshake.extensions().startsWith("permessage-deflate"), handshake.extensions());
  }

  @Test
  void rfc7692_7_1_2_2_failsOnClientMaxWindowBitsNotOffered() {
    Client client = harness.connect(server.uri("/"), b -> b.permessageDeflate(true));
    FixturePeer peer = server.accept();
    peer.acceptHandshake("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10");
    assertTrue(refused(client, peer).getMessage().contains("client_max_window_bits"));
  }

  @Test
  void rfc6455_9_1_failsOnUnknownExtensionEvenWhenDeflateOffered() {
    Client client = harness.connect(server.uri("/"), b -> b.permessageDeflate(true));
    FixturePeer peer = server.accept();
    peer.acceptHandshake("Sec-WebSocket-Extensions: x-webkit-deflate-frame");
    assertTrue(refused(client, peer).getMessage().contains("x-webkit-deflate-frame"));
  }

  @Test
  void rfc6455_4_1_redirectIsNotFollowedAndItsConnectionIsClosed() throws IOException {
    try (ServerSocket elsewhere = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Client client = harness.connect(server.uri("/"));
      FixturePeer peer = server.accept();
      peer.readHandshake();
      peer.respond("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + elsewhere.getLocalPort()
          + "/\r\nContent-Length: 0\r\n\r\n");
      assertTrue(refused(client, peer).getMessage().contains("302"));
      // The redirect target never hears from the client (the failure has already been reported,
      // so a follow-up request would have been made by now).
      elsewhere.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, elsewhere::accept);
    }
  }

  @Test
  void rfc6455_4_1_non101ResponseClosesItsConnection() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    peer.readHandshake();
    peer.respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    refused(client, peer);
  }

  @Test
  void rfc6455_4_1_deliversAMessageSentRightAfterTheResponse() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.readHandshake();
    peer.write((FixturePeer.switchingProtocols(FixturePeer.acceptFor(request.key())))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    peer.send(Frame.text("early"));
    client.events().awaitOpened();
    assertEquals("early", client.events().awaitText());
  }
}
