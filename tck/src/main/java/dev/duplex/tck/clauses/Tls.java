package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.tck.fixture.TlsMaterial;
import org.junit.jupiter.api.Test;

/**
 * {@code wss:} (RFC 6455 4.1 step 5, W3C 4 "failed TLS is 1006"): TLS to the kit's Jetty server
 * with a certificate the test creates, trusted through {@code TransportConfig.sslContext}; an
 * untrusted certificate or a wrong host name must fail the connection.
 *
 * <p>When one fails, check that the transport uses the configured {@code SSLContext} and sets the
 * endpoint identification algorithm {@code HTTPS} unless {@code verifyHostname} is off.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Tls extends ClauseGroup {

  private Client connectWss(TlsMaterial serverCert, TlsMaterial trusted) {
    JettyServer server = kit().jetty(serverCert);
    Transport t = kit().transport(kit().config().sslContext(trusted.clientContext()).build());
    return kit().connect(t, server.uri("/echo"), b -> {});
  }

  /** Verifies a wss: connection with a trusted certificate opens and carries messages. */
  @Test
  @Clause(value = "RFC 6455 4.1 (secure: TLS)", requires = Capability.TLS, summary = "wss with a trusted certificate works")
  default void optional_tls_connectsWithTrustedCertificate() {
    TlsMaterial cert = TlsMaterial.loopback();
    Client client = connectWss(cert, cert);
    client.events().awaitOpened();
    client.sendText("over tls");
    assertEquals("over tls", client.events().awaitText());
  }

  /** Verifies a certificate the client does not trust fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (secure: untrusted certificate)", requires = Capability.TLS,
      summary = "an untrusted certificate fails the connection")
  default void optional_tls_failsOnUntrustedCertificate() {
    Client client = connectWss(TlsMaterial.loopback(), TlsMaterial.loopback());
    client.events().awaitFailed();
  }

  /** Verifies a trusted certificate for another host name fails the connection. */
  @Test
  @Clause(value = "RFC 6455 4.1 (secure: host name, RFC 2818)", requires = Capability.TLS,
      summary = "a certificate for another host name fails the connection")
  default void optional_tls_failsOnWrongHostName() {
    TlsMaterial other = TlsMaterial.forNames("wrong.example");
    Client client = connectWss(other, other);
    client.events().awaitFailed();
  }

  /** Verifies verifyHostname(false) accepts a trusted certificate for another name (tests only). */
  @Test
  @Clause(value = "Duplex SPI TransportConfig.verifyHostname", requires = Capability.TLS,
      summary = "verifyHostname(false) skips only the host-name check")
  default void optional_tls_skipsHostNameCheckWhenDisabled() {
    TlsMaterial other = TlsMaterial.forNames("wrong.example");
    JettyServer server = kit().jetty(other);
    Transport t = kit().transport(kit().config().sslContext(other.clientContext()).verifyHostname(false).build());
    Client client = kit().connect(t, server.uri("/echo"), b -> {});
    client.events().awaitOpened();
    client.sendText("name not checked");
    assertEquals("name not checked", client.events().awaitText());
  }
}
