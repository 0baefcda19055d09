package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.ConnectProxy;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.tck.fixture.TlsMaterial;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 4.1 ("the client SHOULD connect through the proxy, using HTTP CONNECT"): a proxy from
 * {@code TransportConfig.proxySelector} is used with a CONNECT tunnel for {@code ws:} and
 * {@code wss:}.
 *
 * <p>When one fails, check the request line the proxy recorded (quoted in the message).
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Proxy extends ClauseGroup {

  /** Verifies a ws: connection goes through the proxy with CONNECT host:port. */
  @Test
  @Clause(value = "RFC 6455 4.1 (proxy, ws)", requires = Capability.HTTP_PROXY, summary = "ws through an HTTP CONNECT proxy")
  default void optional_proxy_tunnelsWs() {
    ConnectProxy proxy = kit().proxy();
    Transport t = kit().transport(kit().config().proxySelector(proxy.selector()).build());
    Client client = kit().connect(t, kit().fixture().uri("/via-proxy"), b -> {});
    FixturePeer peer = kit().fixture().acceptOpen();
    client.events().awaitOpened();
    peer.send(Frame.text("tunnelled"));
    assertEquals("tunnelled", client.events().awaitText());
    assertEquals(List.of("CONNECT 127.0.0.1:" + kit().fixture().port() + " HTTP/1.1"), proxy.requests(),
        "the proxy's request lines");
  }

  /** Verifies a wss: connection goes through the proxy with TLS inside the tunnel. */
  @Test
  @Clause(value = "RFC 6455 4.1 (proxy, wss)", requires = {Capability.HTTP_PROXY, Capability.TLS},
      summary = "wss through an HTTP CONNECT proxy")
  default void optional_proxy_tunnelsWss() {
    ConnectProxy proxy = kit().proxy();
    TlsMaterial cert = TlsMaterial.loopback();
    JettyServer server = kit().jetty(cert);
    Transport t = kit().transport(kit().config().proxySelector(proxy.selector()).sslContext(cert.clientContext()).build());
    Client client = kit().connect(t, server.uri("/echo"), b -> {});
    client.events().awaitOpened();
    client.sendText("secret");
    assertEquals("secret", client.events().awaitText());
    assertEquals(List.of("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1"), proxy.requests(),
        "the proxy's request lines");
  }

  /** Verifies a proxy that refuses the tunnel fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (proxy refuses CONNECT)", requires = Capability.HTTP_PROXY,
      summary = "a proxy answering 403 to CONNECT fails the connection")
  default void optional_proxy_failsWhenProxyRefusesTunnel() {
    ConnectProxy proxy = kit().refusingProxy();
    Transport t = kit().transport(kit().config().proxySelector(proxy.selector()).build());
    Client client = kit().connect(t, kit().fixture().uri("/refused"), b -> {});
    client.events().awaitFailed();
    assertEquals(1, proxy.requests().size(), "the proxy was asked: " + proxy.requests());
  }
}
