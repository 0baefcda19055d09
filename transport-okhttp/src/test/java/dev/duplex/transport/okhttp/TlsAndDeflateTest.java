package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.JettyServer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The optional capabilities claimed over a real Jetty server: TLS with the configured context and
 * host-name verification, and permessage-deflate.
 */
class TlsAndDeflateTest {

  @Test
  void tls_opensWithTheConfiguredContextAndEchoes() throws Exception {
    TestCertificate cert = TestCertificate.create("ip:127.0.0.1");
    try (JettyServer jetty = JettyServer.builder().tls(cert.serverContext()).start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().sslContext(cert.clientContext()).build())) {
      Client client = harness.connect(jetty.uri("/echo"));
      client.events().awaitOpened();
      client.sendText("over TLS");
      assertEquals("over TLS", client.events().awaitText());
    }
  }

  @Test
  void tls_closingHandshakeEndsCleanOnceJettyClosesTcp() throws Exception {
    TestCertificate cert = TestCertificate.create("ip:127.0.0.1");
    try (JettyServer jetty = JettyServer.builder().tls(cert.serverContext()).start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().sslContext(cert.clientContext()).build())) {
      Client client = harness.connect(jetty.uri("/echo"), b -> b.closeTimeout(java.time.Duration.ofSeconds(4)));
      client.events().awaitOpened();
      client.close(4000, "done");
      TransportEvent closing = client.events().next(Kind.CLOSING);
      assertEquals(4000, closing.code());
      TransportEvent closed = client.events().next(Kind.CLOSED);
      assertEquals(4000, closed.code());
      assertTrue(closed.wasClean());
    }
  }

  @Test
  void tls_failsOnACertificateTheContextDoesNotTrust() throws Exception {
    TestCertificate cert = TestCertificate.create("ip:127.0.0.1");
    try (JettyServer jetty = JettyServer.builder().tls(cert.serverContext()).start();
        Harness harness = new Harness()) {
      Client client = harness.connect(jetty.uri("/echo"));
      Throwable cause = client.events().awaitFailed();
      assertTrue(cause.getCause() instanceof javax.net.ssl.SSLException, String.valueOf(cause));
    }
  }

  @Test
  void tls_verifiesTheHostNameUnlessTurnedOff() throws Exception {
    TestCertificate cert = TestCertificate.create("dns:other.example");
    try (JettyServer jetty = JettyServer.builder().tls(cert.serverContext()).start();
        Harness strict = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().sslContext(cert.clientContext()).build());
        Harness lax = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().sslContext(cert.clientContext()).verifyHostname(false).build())) {
      Client refused = strict.connect(jetty.uri("/echo"));
      assertTrue(String.valueOf(refused.events().awaitFailed()).contains("127.0.0.1"));
      Client accepted = lax.connect(jetty.uri("/echo"));
      accepted.events().awaitOpened();
    }
  }

  @Test
  void permessageDeflate_negotiatesWithJettyAndRoundTripsLargeMessages() {
    try (JettyServer jetty = JettyServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(jetty.uri("/echo"), b -> b.permessageDeflate(true));
      String extensions = client.events().awaitOpened().extensions();
      assertTrue(extensions.startsWith("permessage-deflate"), extensions);
      byte[] big = new byte[3 << 20];
      Arrays.fill(big, (byte) 'z');
      big[12345] = 1;
      for (int i = 0; i < 3; i++) { // several messages: context takeover in both directions
        client.sendBinary(big);
        assertArrayEquals(big, client.events().awaitBinary());
      }
      String text = "compress me ".repeat(10_000);
      client.sendText(text);
      assertEquals(text, client.events().awaitText());
    }
  }

  @Test
  void permessageDeflate_offNegotiatesNothingWithJetty() {
    try (JettyServer jetty = JettyServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(jetty.uri("/echo"));
      assertEquals("", client.events().awaitOpened().extensions());
      client.sendText("plain");
      assertEquals("plain", client.events().awaitText());
    }
  }
}
