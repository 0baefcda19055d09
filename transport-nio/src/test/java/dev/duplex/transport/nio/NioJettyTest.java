package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.transport.nio.fixtures.ConnectProxy;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.TestKeyStores;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Echo, TLS, permessage-deflate and proxy tunnels against a real Jetty 12 server. */
class NioJettyTest {
  private static JettyServer plain;
  private static JettyServer secure;
  private static SSLContext trusting;

  @BeforeAll
  static void startServers() throws Exception {
    plain = JettyServer.start();
    secure = JettyServer.builder().tls(TestKeyStores.serverContext("localhost.p12")).start();
    trusting = TestKeyStores.clientContext("localhost.p12");
  }

  @AfterAll
  static void stopServers() throws Exception {
    plain.close();
    secure.close();
  }

  private record Session(Transport transport, Connection connection, RecordingListener listener,
      Handshake handshake) implements AutoCloseable {
    @Override
    public void close() {
      transport.close();
    }
  }

  private static Session open(TransportConfig config, ConnectRequest request) throws Exception {
    Transport t = new NioTransportProvider().create(config);
    RecordingListener listener = new RecordingListener();
    Connection c = t.connect(request, listener);
    return new Session(t, c, listener, listener.awaitOpened());
  }

  private static void echo(Session s, int messages, int size) throws Exception {
    Random random = new Random(size);
    for (int i = 0; i < messages; i++) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      s.connection().sendBinary(ByteBuffer.wrap(data));
      String text = "text " + i + " " + "é".repeat(size / 2);
      s.connection().sendText(text);
      ByteBuffer got = s.listener().next("binary").data();
      byte[] b = new byte[got.remaining()];
      got.get(b);
      assertArrayEquals(data, b);
      assertEquals(text, s.listener().awaitText());
    }
  }

  private static void closeCleanly(Session s) throws Exception {
    s.connection().close(1000, "done");
    Object[] closing = s.listener().next("closing").args();
    assertEquals(1000, closing[0]);
    s.listener().awaitClosed(1000, "done", true);
  }

  @Test
  void echo_smallAndLargeMessagesRoundTrip() throws Exception {
    try (Session s = open(TransportConfig.defaults(),
        ConnectRequest.builder(plain.uri("/echo")).protocols(List.of("v1")).build())) {
      assertEquals("v1", s.handshake().protocol());
      echo(s, 20, 32);
      echo(s, 3, 1 << 20);
      closeCleanly(s);
    }
  }

  @Test
  void tls_echoOverWssWithHostnameVerification() throws Exception {
    try (Session s = open(TransportConfig.builder().sslContext(trusting).build(),
        ConnectRequest.builder(secure.uri("localhost", "/echo")).build())) {
      echo(s, 5, 100);
      echo(s, 2, 3 << 20);
      closeCleanly(s);
    }
  }

  @Test
  void tls_failsWhenTheCertificateNamesAnotherHost() throws Exception {
    try (JettyServer other = JettyServer.builder().tls(TestKeyStores.serverContext("other.p12")).start()) {
      Transport t = new NioTransportProvider().create(TransportConfig.builder()
          .sslContext(TestKeyStores.clientContext("other.p12")).build());
      try {
        RecordingListener listener = new RecordingListener();
        t.connect(ConnectRequest.builder(other.uri("localhost", "/echo")).build(), listener);
        Throwable cause = listener.awaitFailed();
        assertTrue(cause instanceof javax.net.ssl.SSLException, cause.toString());
        // With verification off (tests only) the same certificate is accepted.
        Transport lax = new NioTransportProvider().create(TransportConfig.builder()
            .sslContext(TestKeyStores.clientContext("other.p12")).verifyHostname(false).build());
        try {
          RecordingListener ok = new RecordingListener();
          // (by IP: Jetty itself refuses an SNI name its certificate does not cover)
          lax.connect(ConnectRequest.builder(other.uri("/echo")).build(), ok);
          ok.awaitOpened();
        } finally {
          lax.close();
        }
      } finally {
        t.close();
      }
    }
  }

  @Test
  void tls_failsWhenTheCertificateIsNotTrusted() throws Exception {
    Transport t = new NioTransportProvider().create(TransportConfig.defaults());
    try {
      RecordingListener listener = new RecordingListener();
      t.connect(ConnectRequest.builder(secure.uri("localhost", "/echo")).build(), listener);
      assertTrue(listener.awaitFailed() instanceof javax.net.ssl.SSLException);
      listener.assertExhausted();
    } finally {
      t.close();
    }
  }

  @Test
  void rfc7692_deflateIsNegotiatedAndMessagesRoundTrip() throws Exception {
    try (Session s = open(TransportConfig.defaults(),
        ConnectRequest.builder(plain.uri("/echo")).permessageDeflate(true).build())) {
      assertTrue(s.handshake().extensions().startsWith("permessage-deflate"),
          s.handshake().extensions());
      echo(s, 10, 1000);
      echo(s, 2, 2 << 20);
      closeCleanly(s);
    }
  }

  @Test
  void rfc7692_clientNoContextTakeoverImposedByTheServer() throws Exception {
    try (Session s = open(TransportConfig.builder().sslContext(trusting).build(),
        ConnectRequest.builder(secure.uri("localhost", "/deflate-no-context"))
            .permessageDeflate(true).build())) {
      assertTrue(s.handshake().extensions().contains("client_no_context_takeover"));
      echo(s, 10, 500);
      closeCleanly(s);
    }
  }

  @Test
  void proxy_wsThroughAConnectTunnel() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy(0);
        Session s = open(TransportConfig.builder().proxySelector(proxy.selector()).build(),
            ConnectRequest.builder(plain.uri("/echo")).build())) {
      echo(s, 3, 100);
      assertEquals(List.of("CONNECT 127.0.0.1:" + plain.port() + " HTTP/1.1"), proxy.targets());
      closeCleanly(s);
    }
  }

  @Test
  void proxy_wssThroughAConnectTunnel() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy(0);
        Session s = open(TransportConfig.builder().proxySelector(proxy.selector())
            .sslContext(trusting).build(),
            ConnectRequest.builder(secure.uri("localhost", "/echo")).build())) {
      echo(s, 3, 100);
      assertEquals(List.of("CONNECT localhost:" + secure.port() + " HTTP/1.1"), proxy.targets());
      closeCleanly(s);
    }
  }

  @Test
  void proxy_refusedTunnelFailsTheConnection() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy(407)) {
      Transport t = new NioTransportProvider().create(
          TransportConfig.builder().proxySelector(proxy.selector()).build());
      try {
        RecordingListener listener = new RecordingListener();
        t.connect(ConnectRequest.builder(URI.create("ws://example.invalid/")).build(), listener);
        assertTrue(listener.awaitFailed().getMessage().contains("407"));
      } finally {
        t.close();
      }
    }
  }

  @Test
  void proxy_aSocksOnlySelectorFailsRatherThanGoingDirect() throws Exception {
    java.net.ProxySelector socks = new java.net.ProxySelector() {
      @Override
      public List<java.net.Proxy> select(URI uri) {
        return List.of(new java.net.Proxy(java.net.Proxy.Type.SOCKS,
            new java.net.InetSocketAddress("127.0.0.1", 1080)));
      }

      @Override
      public void connectFailed(URI uri, java.net.SocketAddress sa, java.io.IOException ioe) {}
    };
    Transport t = new NioTransportProvider().create(
        TransportConfig.builder().proxySelector(socks).build());
    try {
      RecordingListener listener = new RecordingListener();
      t.connect(ConnectRequest.builder(plain.uri("/echo")).build(), listener);
      assertTrue(listener.awaitFailed().getMessage().contains("HTTP (CONNECT) proxies only"));
    } finally {
      t.close();
    }
  }

  @Test
  void transport_closeAbortsOpenConnections() throws Exception {
    Session s = open(TransportConfig.defaults(), ConnectRequest.builder(plain.uri("/echo")).build());
    s.transport().close();
    s.listener().awaitClosed(1006, "", false);
    s.listener().assertExhausted();
  }
}
