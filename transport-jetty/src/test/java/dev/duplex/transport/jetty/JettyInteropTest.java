package dev.duplex.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.fixture.ConnectProxy;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.tck.fixture.TlsMaterial;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter against real servers on loopback: Jetty's own WebSocket server (plain and TLS), a
 * CONNECT proxy, and the transport's lifecycle. Threading: JUnit's test thread.
 */
@ExtendWith(NoJettyWarnings.class)
class JettyInteropTest {
  private final List<AutoCloseable> resources = new ArrayList<>();

  private <T extends AutoCloseable> T closeAfter(T resource) {
    resources.add(0, resource);
    return resource;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  private Transport transport(TransportConfig config) {
    return closeAfter(new JettyTransportProvider().create(config));
  }

  private static Recorder connect(Transport t, URI uri) {
    Recorder r = new Recorder();
    t.connect(ConnectRequest.builder(uri).build(), r);
    return r;
  }

  @Test
  void w3c_noIdleTimeout_replacesJettys30Seconds() {
    JettyServer server = closeAfter(JettyServer.start());
    Transport t = transport(TransportConfig.defaults());
    Recorder r = new Recorder();
    Connection c = t.connect(ConnectRequest.builder(server.uri("/echo")).build(), r);
    r.awaitOpened();
    Session session = ((JettyConnection) c).session();
    assertTrue(session.getIdleTimeout().isZero(), "idle timeout " + session.getIdleTimeout());
  }

  @Test
  void rfc6455_4_1_handshakeTimeoutEndsWithTheHandshake() throws Exception {
    JettyServer server = closeAfter(JettyServer.start());
    Transport t = transport(TransportConfig.defaults());
    connect(t, server.uri("/echo")).awaitOpened(); // warm up: the first handshake is slow
    Recorder r = new Recorder();
    Connection c = t.connect(ConnectRequest.builder(server.uri("/echo"))
        .handshakeTimeout(java.time.Duration.ofMillis(500)).build(), r);
    r.awaitOpened();
    // Outlive the handshake timeout (Jetty applies it as the upgrade request's total timeout).
    Thread.sleep(1000);
    c.sendText("still open");
    assertEquals("still open", r.awaitText());
    assertTrue(r.history().stream().noneMatch(Recorder.Event::terminal), r.history().toString());
  }

  @Test
  void spi_callbacksNeverOverlapAndStayInOrderUnderLoad() {
    JettyServer server = closeAfter(JettyServer.start());
    Transport t = transport(TransportConfig.defaults());
    Recorder r = new Recorder();
    Connection c = t.connect(ConnectRequest.builder(server.uri("/echo")).build(), r);
    r.awaitOpened();
    int n = 500;
    // A second thread sends binary messages meanwhile, so write completions, echoes of both
    // kinds and reads arrive on several Jetty threads at once.
    Thread other = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        c.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {(byte) i}));
      }
    });
    other.start();
    for (int i = 0; i < n; i++) {
      c.sendText("m" + i);
    }
    int texts = 0;
    int binaries = 0;
    while (texts < n || binaries < n) {
      Recorder.Event e = r.next();
      if (e.kind().equals("text")) {
        assertEquals("m" + texts++, e.text());
      } else {
        assertEquals("binary", e.kind());
        assertEquals((byte) binaries++, e.bytes()[0]);
      }
    }
    assertEquals(List.of(), r.violations());
  }

  @Test
  void spi_manyConnectionsShareOneClientAndEachEndsOnce() {
    JettyServer server = closeAfter(JettyServer.start());
    Transport t = transport(TransportConfig.defaults());
    int n = 200;
    List<Recorder> recorders = new ArrayList<>();
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Recorder r = new Recorder();
      recorders.add(r);
      connections.add(t.connect(ConnectRequest.builder(server.uri("/echo")).build(), r));
    }
    for (int i = 0; i < n; i++) {
      recorders.get(i).awaitOpened();
      connections.get(i).sendText("hello " + i);
    }
    for (int i = 0; i < n; i++) {
      assertEquals("hello " + i, recorders.get(i).awaitText());
      connections.get(i).close(1000, "done");
    }
    for (Recorder r : recorders) {
      Recorder.Event end = r.awaitTerminal();
      assertEquals(1000, end.code(), r.history().toString());
      assertTrue(end.wasClean());
      assertEquals(List.of(), r.violations());
    }
  }

  @Test
  void rfc6455_4_1_proxy_tunnelsWsWithConnectAndOriginFormRequest() throws Exception {
    ScriptedServer server = closeAfter(new ScriptedServer());
    ConnectProxy proxy = closeAfter(ConnectProxy.start());
    Transport t = transport(TransportConfig.builder().proxySelector(proxy.selector()).build());
    Recorder r = connect(t, server.uri("/via/proxy?x=1"));
    ScriptedServer.Peer p = server.accept().readRequest();
    assertEquals("GET /via/proxy?x=1 HTTP/1.1", p.requestLine,
        "inside a tunnel the request target is the resource name (RFC 6455 4.1)");
    p.respond101();
    r.awaitOpened();
    assertEquals(List.of("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1"), proxy.requests());
  }

  @Test
  void rfc6455_4_1_proxy_handsTheTunnelOverOnlyAfterJettysConnectWriteCompletes() throws Exception {
    // Before the fix, Jetty wrote the upgrade while the CONNECT's last write was pending about
    // once in 50 connections; the upgrade then failed and the server saw an empty connection.
    ScriptedServer server = closeAfter(new ScriptedServer());
    ConnectProxy proxy = closeAfter(ConnectProxy.start());
    Transport t = transport(TransportConfig.builder().proxySelector(proxy.selector()).build());
    for (int i = 0; i < 200; i++) {
      Recorder r = new Recorder();
      Connection c = t.connect(ConnectRequest.builder(server.uri("/" + i)).build(), r);
      ScriptedServer.Peer p = server.accept().readRequest();
      assertEquals("GET /" + i + " HTTP/1.1", p.requestLine);
      p.respond101();
      r.awaitOpened();
      c.abort();
      p.close();
    }
  }

  @Test
  void tls_connectsWithTrustedCertificateAndVerifiesHostName() {
    TlsMaterial cert = TlsMaterial.loopback();
    JettyServer server = closeAfter(JettyServer.start(cert));
    Transport t = transport(TransportConfig.builder().sslContext(cert.clientContext()).build());
    Recorder r = connect(t, server.uri("/echo"));
    r.awaitOpened();
  }

  @Test
  void tls_failsOnWrongHostNameUnlessVerificationIsOff() throws Exception {
    TlsMaterial cert = TlsMaterial.forNames("elsewhere.example");
    JettyServer server = closeAfter(JettyServer.start(cert));
    Transport verifying = transport(TransportConfig.builder().sslContext(cert.clientContext()).build());
    connect(verifying, server.uri("/echo")).awaitFailed();
    // Jetty's server refuses a Host its certificate does not name, so a raw TLS peer answers.
    ScriptedServer raw = closeAfter(new ScriptedServer(cert.serverContext()));
    Transport lenient = transport(TransportConfig.builder().sslContext(cert.clientContext())
        .verifyHostname(false).build());
    Recorder r = connect(lenient, raw.uri("/"));
    raw.accept().readRequest().respond101();
    r.awaitOpened();
  }

  @Test
  void rfc6455_7_1_1_tls_serverClosesFirstAfterItsCloseAndTheClientWaits() throws Exception {
    TlsMaterial cert = TlsMaterial.loopback();
    ScriptedServer server = closeAfter(new ScriptedServer(cert.serverContext()));
    Transport t = transport(TransportConfig.builder().sslContext(cert.clientContext()).build());
    Recorder r = new Recorder();
    t.connect(ConnectRequest.builder(server.uri("/")).closeTimeout(java.time.Duration.ofSeconds(60))
        .build(), r);
    ScriptedServer.Peer p = server.accept().readRequest().respond101();
    r.awaitOpened();
    p.frame(8, ScriptedServer.Peer.closePayload(1000, "tls bye"));
    assertEquals(1000, p.readFrame(8).closeCode());
    assertEquals("closing", r.next().kind());
    p.socket.setSoTimeout(300);
    assertFalse(p.awaitEof(), "over TLS too the client leaves closing TCP to the server");
    p.close(); // long before the 60 s close timeout
    Recorder.Event end = r.awaitTerminal();
    assertEquals("closed", end.kind());
    assertEquals(1000, end.code());
    assertTrue(end.wasClean());
  }

  @Test
  void tls_cleanClientInitiatedCloseWithJetty() {
    TlsMaterial cert = TlsMaterial.loopback();
    JettyServer server = closeAfter(JettyServer.start(cert));
    Transport t = transport(TransportConfig.builder().sslContext(cert.clientContext()).build());
    Recorder r = new Recorder();
    Connection c = t.connect(ConnectRequest.builder(server.uri("/echo")).build(), r);
    r.awaitOpened();
    c.close(1000, "");
    Recorder.Event end = r.awaitTerminal();
    assertEquals(1000, end.code(), r.history().toString());
    assertTrue(end.wasClean());
  }

  @Test
  void spi_transportCloseFromInsideACallbackDoesNotHang() throws Exception {
    JettyServer server = closeAfter(JettyServer.start());
    Transport t = new JettyTransportProvider().create(TransportConfig.defaults());
    Recorder r = new Recorder();
    r.onText(t::close);
    Connection c = t.connect(ConnectRequest.builder(server.uri("/echo")).build(), r);
    r.awaitOpened();
    c.sendText("close the transport from Jetty's thread");
    r.awaitText();
    Recorder.Event end = r.awaitTerminal();
    assertEquals("closed", end.kind());
    assertEquals(1006, end.code());
    assertThrows(IllegalStateException.class,
        () -> t.connect(ConnectRequest.builder(server.uri("/echo")).build(), new Recorder()));
  }

  @Test
  void spi_transportCloseAbortsOpenConnectionsAndStopsItsClient() {
    JettyServer server = closeAfter(JettyServer.start());
    Transport t = new JettyTransportProvider().create(TransportConfig.defaults());
    Recorder r = connect(t, server.uri("/echo"));
    r.awaitOpened();
    var client = ((JettyTransport) t).webSocketClient();
    t.close();
    assertFalse(r.awaitTerminal().wasClean());
    assertTrue(client.isStopped(), "the transport's own client is stopped");
  }

  @Test
  void serviceLoader_findsTheJettyProviderWithPriority50() {
    TransportProvider found = ServiceLoader.load(TransportProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("jetty")).findFirst()
        .orElseThrow();
    assertEquals(50, found.priority());
    assertEquals(JettyTransportProvider.class, found.getClass());
    assertTrue(found.knownDeviations().isEmpty());
  }
}
