package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.TestKeyStores;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * TLS details seen from raw server sockets: the client names the host it wants (SNI), and a
 * server that never completes TLS or speaks something else fails the connection.
 */
class NioTlsTest extends WithTransport {

  @Test
  void tls_sendsTheHostNameAsServerNameIndication() throws Exception {
    SSLContext server = TestKeyStores.serverContext("localhost.p12");
    CompletableFuture<String> sni = new CompletableFuture<>();
    try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
        .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      SSLParameters params = ss.getSSLParameters();
      params.setSNIMatchers(List.of(new SNIMatcher(0) {
        @Override
        public boolean matches(SNIServerName name) {
          sni.complete(new String(name.getEncoded(), StandardCharsets.US_ASCII));
          return true;
        }
      }));
      ss.setSSLParameters(params);
      ss.setSoTimeout(10_000);
      Transport t = new NioTransportProvider().create(TransportConfig.builder()
          .sslContext(TestKeyStores.clientContext("localhost.p12")).build());
      try {
        RecordingListener listener = new RecordingListener();
        t.connect(ConnectRequest.builder(
            URI.create("wss://localhost:" + ss.getLocalPort() + "/")).build(), listener);
        try (SSLSocket s = (SSLSocket) ss.accept()) {
          s.setSoTimeout(10_000);
          s.startHandshake();
          assertEquals("localhost", sni.get(10, TimeUnit.SECONDS));
        }
        listener.awaitFailed(); // the scripted server hung up after the TLS handshake
      } finally {
        t.close();
      }
    }
  }

  @Test
  void tls_handshakeTimeoutCoversAServerThatNeverAnswersTheClientHello() throws Exception {
    try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ss.setSoTimeout(10_000);
      // An explicit TLS context: loading the JDK's default trust store could by itself take
      // longer than the short timeout (which it then rightly covers), and no TCP would follow.
      Transport t = new NioTransportProvider().create(TransportConfig.builder()
          .sslContext(TestKeyStores.clientContext("localhost.p12")).build());
      try {
        RecordingListener listener = new RecordingListener();
        t.connect(ConnectRequest.builder(URI.create("wss://127.0.0.1:" + ss.getLocalPort() + "/"))
            .handshakeTimeout(java.time.Duration.ofSeconds(1)).build(), listener);
        try (java.net.Socket s = ss.accept()) {
          s.setSoTimeout(10_000);
          org.junit.jupiter.api.Assertions.assertEquals(0x16, s.getInputStream().read(),
              "a TLS handshake record (the ClientHello) arrives first");
          org.junit.jupiter.api.Assertions.assertTrue(
              listener.awaitFailed().getMessage().contains("PT1S"));
        }
      } finally {
        t.close();
      }
    }
  }

  @Test
  void tls_failsWhenTheServerAnswersWithPlainHttp() throws Exception {
    try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ss.setSoTimeout(10_000);
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(URI.create("wss://127.0.0.1:" + ss.getLocalPort() + "/"))
          .build(), listener);
      try (java.net.Socket s = ss.accept()) {
        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        org.junit.jupiter.api.Assertions.assertTrue(
            listener.awaitFailed() instanceof javax.net.ssl.SSLException);
        listener.assertExhausted();
      }
    }
  }
}
