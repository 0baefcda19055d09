package dev.duplex.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.WebSocketContext;
import dev.duplex.spi.FailureObserver;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.fixture.ConnectProxy;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.tck.fixture.TlsMaterial;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS and proxy bindings reach the transport: {@code wss:} to a server with a self-signed
 * certificate works only with the bound trust, and a bound proxy selector sends the connection
 * through a CONNECT tunnel. Uses the TCK's certificate, {@code wss:} server and proxy on loopback,
 * and the default transport (nio, which claims TLS and HTTP_PROXY).
 */
class DuplexModuleTlsAndProxyTest extends InjectorFixture {
  private static final TlsMaterial TLS = TlsMaterial.loopback();
  private static JettyServer secure;

  @BeforeAll
  static void startSecureServer() {
    secure = JettyServer.start(TLS);
  }

  @AfterAll
  static void stopSecureServer() {
    secure.close();
  }

  @Test
  void bindings_tls_trustsTheBoundContextForWss() throws Exception {
    WebSocketContext context = inject(new DuplexModule(),
        binder -> binder.bind(DuplexKeys.TLS).toInstance(TLS.clientContext()));
    assertEquals("over tls", Conversation.echo(context, secure.uri("/echo"), "over tls"));
  }

  @Test
  void bindings_tlsUnbound_theJdkDefaultRejectsTheSelfSignedCertificate() throws Exception {
    CompletableFuture<Throwable> cause = new CompletableFuture<>();
    FailureObserver observer = (url, why) -> cause.complete(why);
    WebSocketContext context = inject(new DuplexModule(),
        binder -> binder.bind(DuplexKeys.FAILURE_OBSERVER).toInstance(observer));

    Conversation c = Conversation.open(context, secure.uri("/echo"));

    assertEquals(1006, c.closed.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS).code());
    assertTrue(cause.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS) != null);
  }

  @Test
  void bindings_proxy_sendsTheConnectionThroughTheBoundProxy() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start()) {
      WebSocketContext context = inject(new DuplexModule(),
          binder -> binder.bind(DuplexKeys.PROXY).toInstance(proxy.selector()));
      assertEquals("tunnelled", Conversation.echo(context, server.echoUri(), "tunnelled"));
      String target = server.echoUri().getHost() + ":" + server.echoUri().getPort();
      assertTrue(proxy.requests().stream().anyMatch(r -> r.startsWith("CONNECT " + target)),
          "the proxy saw " + proxy.requests());
    }
  }

  @Test
  void bindings_transportConfig_carriesTlsAndProxyTogether() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start()) {
      TransportConfig config = TransportConfig.builder()
          .sslContext(TLS.clientContext()).proxySelector(proxy.selector()).build();
      WebSocketContext context = inject(new DuplexModule(),
          binder -> binder.bind(DuplexKeys.TRANSPORT_CONFIG).toInstance(config));
      assertEquals("both", Conversation.echo(context, secure.uri("/echo"), "both"));
      assertTrue(proxy.requests().stream().anyMatch(r -> r.startsWith("CONNECT 127.0.0.1:"
          + secure.port())), "the proxy saw " + proxy.requests());
    }
  }
}
