package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.duplex.spi.Capability;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proxy selector of {@link TransportConfig} configures the transport's client, and why
 * {@link Capability#HTTP_PROXY} is not claimed: OkHttp tunnels {@code wss:} with CONNECT but sends
 * {@code ws:} to the proxy as an absolute-form GET. A scripted server plays the proxy.
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
        assertSame(selector, t.client().proxySelector());
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
  void httpProxy_notClaimedBecauseWsIsSentAsAbsoluteFormGet() {
    assertFalse(new OkHttpTransportProvider().capabilities().contains(Capability.HTTP_PROXY));
    try (FixtureServer proxy = FixtureServer.start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().proxySelector(to(proxy)).build())) {
      harness.connect(URI.create("ws://ws.example:8080/chat"));
      FixturePeer peer = proxy.accept();
      assertEquals("GET http://ws.example:8080/chat HTTP/1.1", peer.readHandshake().requestLine());
    }
  }
}
