package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.Frame;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The proxy selector of {@link TransportConfig}: OkHttp tunnels {@code wss:} with CONNECT itself;
 * for {@code ws:}, which OkHttp would send to the proxy as an absolute-form GET, the adapter's
 * socket opens the CONNECT tunnel (RFC 6455 4.1). A scripted server plays the proxy.
 */
class ProxyTest {

  private static ProxySelector to(FixtureServer proxy) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  @Test
  void transportConfig_proxySelectorConfiguresTheClient() {
    try (FixtureServer proxy = FixtureServer.start()) {
      ProxySelector selector = to(proxy);
      try (OkHttpTransport t = (OkHttpTransport) new OkHttpTransportProvider()
          .create(TransportConfig.builder().proxySelector(selector).build())) {
        // OkHttp sees a selector that hides HTTP proxies for ws: (the socket tunnels itself).
        assertSame(selector, ((WsProxySelector) t.client().proxySelector()).delegate());
      }
    }
  }

  @Test
  void httpProxy_wssIsTunnelledWithConnect() {
    try (FixtureServer proxy = FixtureServer.start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().proxySelector(to(proxy)).build())) {
      harness.connect(URI.create("wss://ws.example:8443/chat"));
      FixturePeer peer = proxy.accept();
      assertEquals("CONNECT ws.example:8443 HTTP/1.1", peer.readHandshake().requestLine());
    }
  }

  @Test
  void rfc6455_4_1_wsIsTunnelledWithConnectAndCarriesMessages() {
    try (FixtureServer proxy = FixtureServer.start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().proxySelector(to(proxy)).build())) {
      // The "proxy" answers CONNECT, then plays the WebSocket server inside the tunnel.
      Client client = harness.connect(URI.create("ws://127.0.0.1:9/chat"));
      FixturePeer peer = proxy.accept();
      assertEquals("CONNECT 127.0.0.1:9 HTTP/1.1", peer.readHandshake().requestLine());
      peer.respond("HTTP/1.1 200 Connection established\r\n\r\n");
      assertEquals("GET /chat HTTP/1.1", peer.acceptHandshake().requestLine(), "origin-form inside");
      client.events().awaitOpened();
      peer.send(Frame.text("tunnelled"));
      assertEquals("tunnelled", client.events().awaitText());
      client.sendText("back");
      assertEquals("back", peer.readFrame(Frame.TEXT).text());
    }
  }

  @Test
  void rfc6455_4_1_proxyRefusingConnectFailsTheConnection() {
    try (FixtureServer proxy = FixtureServer.start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().proxySelector(to(proxy)).build())) {
      Client client = harness.connect(URI.create("ws://127.0.0.1:9/chat"));
      FixturePeer peer = proxy.accept();
      peer.readHandshake();
      peer.respond("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      assertTrue(client.events().awaitFailed().getMessage().contains("403"));
    }
  }

  @Test
  void userClient_fixedHttpProxyTunnelsWsToo() {
    try (FixtureServer proxy = FixtureServer.start();
        Harness harness = new Harness(new OkHttpTransportProvider(new OkHttpClient.Builder()
            .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())))
            .build()), TransportConfig.defaults())) {
      Client client = harness.connect(URI.create("ws://127.0.0.1:9/"));
      FixturePeer peer = proxy.accept();
      assertEquals("CONNECT 127.0.0.1:9 HTTP/1.1", peer.readHandshake().requestLine());
      peer.respond("HTTP/1.1 200 OK\r\n\r\n");
      peer.acceptHandshake();
      client.events().awaitOpened();
    }
  }
}
