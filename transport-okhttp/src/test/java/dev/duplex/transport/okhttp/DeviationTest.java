package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.HandshakeRequest;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The required behaviours OkHttp lacks and the socket wrapping restores (Connection token list,
 * fresh unpredictable masks, empty Close frames), and, for a handed-in client whose socket factory
 * the adapter cannot wrap, each deviation it then declares is exactly what the declaration says
 * and nothing worse: shown against a scripted raw-TCP server.
 */
class DeviationTest extends FixtureTest {

  @Test
  void deviations_noneWithTheTransportsOwnSockets() {
    OkHttpTransportProvider provider = new OkHttpTransportProvider();
    assertEquals(Map.of(), provider.knownDeviations());
    for (Capability c : Capability.values()) {
      assertTrue(!c.required() || provider.capabilities().contains(c), c + " is claimed");
    }
  }

  /** A user's socket factory: the adapter cannot wrap the sockets it makes. */
  private static OkHttpTransportProvider foreignFactoryProvider() {
    SocketFactory own = new SocketFactory() {
      @Override public Socket createSocket() { return new Socket(); }
      @Override public Socket createSocket(String h, int p) throws IOException { return new Socket(h, p); }
      @Override public Socket createSocket(String h, int p, InetAddress l, int lp) throws IOException {
        return new Socket(h, p, l, lp);
      }
      @Override public Socket createSocket(InetAddress h, int p) throws IOException { return new Socket(h, p); }
      @Override public Socket createSocket(InetAddress h, int p, InetAddress l, int lp) throws IOException {
        return new Socket(h, p, l, lp);
      }
    };
    return new OkHttpTransportProvider(new OkHttpClient.Builder().socketFactory(own).build());
  }

  private static String tokenListResponse(HandshakeRequest request) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + FixturePeer.acceptFor(request.key()) + "\r\n\r\n";
  }

  @Test
  void deviation_STRICT_UTF8_FRAME_MASKING_EMPTY_CLOSE_FRAME_onlyWithAForeignSocketFactory() {
    OkHttpTransportProvider provider = foreignFactoryProvider();
    assertFalse(provider.capabilities().contains(Capability.STRICT_UTF8));
    assertFalse(provider.capabilities().contains(Capability.MAX_MESSAGE_SIZE));
    assertTrue(provider.knownDeviations().get(Capability.STRICT_UTF8).contains("socket factory"));
    assertTrue(provider.knownDeviations().get(Capability.FRAME_MASKING).contains("java.util.Random"));
    assertTrue(provider.knownDeviations().get(Capability.EMPTY_CLOSE_FRAME).contains("1000"));
    assertTrue(provider.knownDeviations().get(Capability.CONNECTION_TOKEN_LIST).contains("token list"));

    try (Harness foreign = new Harness(provider, TransportConfig.defaults())) {
      Client client = foreign.connect(server.uri("/"));
      FixturePeer peer = server.acceptOpen();
      client.events().awaitOpened();
      peer.send(Frame.text(HexFormat.of().parseHex("41c32842")));
      assertEquals("A\uFFFD(B", client.events().awaitText());
      // Nothing worse: the connection stays open in both directions and closes cleanly, with
      // 1000 where no code was asked for (EMPTY_CLOSE_FRAME).
      client.sendText("reply");
      assertEquals("reply", peer.readFrame(Frame.TEXT).text());
      client.close(CloseCodes.NO_STATUS_RECEIVED, "");
      ReceivedFrame close = peer.readFrame(Frame.CLOSE);
      assertEquals(2, close.payload().length);
      assertEquals(1000, close.closeCode());
      peer.send(Frame.close(1000, ""));
      peer.close();
      client.events().next(Kind.CLOSING);
      assertTrue(client.events().next(Kind.CLOSED).wasClean());
    }
  }

  @Test
  void w3c_close_withoutCodeSendsAnEmptyCloseFrame() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();

    client.close(CloseCodes.NO_STATUS_RECEIVED, "");
    ReceivedFrame close = peer.readFrame(Frame.CLOSE);
    assertEquals(0, close.payload().length, "no code, no reason");
    assertTrue(close.masked());
    peer.send(Frame.close());
    peer.close();
    client.events().next(Kind.CLOSING);
    TransportEvent closed = client.events().next(Kind.CLOSED);
    assertEquals(1005, closed.code());
    assertTrue(closed.wasClean());
  }

  @Test
  void rfc6455_5_5_1_serverEmptyCloseIsReportedAs1005AndAnsweredEmpty() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();

    peer.send(Frame.close());
    ReceivedFrame reply = peer.readFrame(Frame.CLOSE);
    assertEquals(0, reply.payload().length, "the reply echoes no code");
    peer.close();
    assertEquals(1005, client.events().next(Kind.CLOSING).code());
    TransportEvent closed = client.events().next(Kind.CLOSED);
    assertEquals(1005, closed.code());
    assertTrue(closed.wasClean());
  }

  @Test
  void deviation_CONNECTION_TOKEN_LIST_onlyWithAForeignSocketFactory_failsTheHandshakeCleanly() {
    try (Harness foreign = new Harness(foreignFactoryProvider(), TransportConfig.defaults())) {
      Client client = foreign.connect(server.uri("/"));
      FixturePeer peer = server.accept();
      peer.respond(tokenListResponse(peer.readHandshake()));

      Throwable cause = client.events().awaitFailed();
      assertTrue(cause.getMessage().contains("Connection"), cause.getMessage());
      // Nothing worse: the connection never opened and its socket is closed.
      assertTrue(client.events().history().stream().noneMatch(e -> e.kind() == Kind.OPENED));
      peer.awaitEof();
    }
  }

  @Test
  void rfc6455_4_1_connectionTokenListOpensAndIsReportedNormalised() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    peer.respond(tokenListResponse(peer.readHandshake()));
    Handshake handshake = client.events().awaitOpened();
    assertEquals(List.of("Upgrade"), handshake.header("Connection"));
    peer.send(Frame.text("after a token list"));
    assertEquals("after a token list", client.events().awaitText());
  }

  @Test
  void rfc6455_4_1_connectionTokensOverSeveralLinesOpen() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.readHandshake();
    peer.respond("HTTP/1.1 101 Switching Protocols\r\nConnection: keep-alive\r\nUpgrade: websocket\r\n"
        + "Connection: upgrade\r\nSec-WebSocket-Accept: " + FixturePeer.acceptFor(request.key())
        + "\r\n\r\n");
    assertNotNull(client.events().awaitOpened());
  }

  @Test
  void rfc6455_4_1_connectionWithoutTheUpgradeTokenStillFails() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.readHandshake();
    peer.respond("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive, close\r\n"
        + "Sec-WebSocket-Accept: " + FixturePeer.acceptFor(request.key()) + "\r\n\r\n");
    assertTrue(client.events().awaitFailed().getMessage().contains("Connection"));
    peer.awaitEof();
  }

  @Test
  void rfc6455_4_1_singleConnectionTokenInAnyCaseOpens() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    HandshakeRequest request = peer.readHandshake();
    peer.respond(
        "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nconnection: UPGRADE\r\n"
            + "Sec-WebSocket-Accept: " + FixturePeer.acceptFor(request.key()) + "\r\n\r\n");
    assertNotNull(client.events().awaitOpened());
  }

  @Test
  void rfc6455_5_3_everyFrameIsMaskedWithItsOwnKey() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();

    int frames = 32;
    for (int i = 0; i < frames; i++) {
      client.sendText("m" + i);
    }
    client.close(1000, "");
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < frames; i++) {
      ReceivedFrame f = peer.readFrame();
      assertTrue(f.masked(), "frame " + i + " is masked");
      assertEquals("m" + i, f.text());
      keys.add(HexFormat.of().formatHex(f.maskKey()));
    }
    ReceivedFrame close = peer.readFrame();
    assertTrue(close.isClose() && close.masked(), "the Close frame is masked too");
    keys.add(HexFormat.of().formatHex(close.maskKey()));
    // 33 random 32-bit keys collide with probability below 2^-22; a reused key would show here.
    assertEquals(frames + 1, keys.size(), "a fresh key per frame");
    assertFalse(keys.contains("00000000"), "no all-zero key");
  }
}
