package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.RecordingListener;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.HandshakeRequest;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Registration, claims and client configuration of the OkHttp transport. */
class OkHttpTransportProviderTest {

  @Test
  void serviceLoader_registersTheProviderNamedOkhttpWithPriority40() throws IOException {
    String service = "META-INF/services/" + TransportProvider.class.getName();
    try (InputStream in = OkHttpTransportProvider.class.getClassLoader().getResourceAsStream(service)) {
      assertNotNull(in, service);
      assertEquals(OkHttpTransportProvider.class.getName(),
          new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    }
    Module module = OkHttpTransportProvider.class.getModule();
    if (module.isNamed()) { // on the module path, module-info must say the same
      assertTrue(module.getDescriptor().provides().stream().anyMatch(p ->
          p.service().equals(TransportProvider.class.getName())
              && p.providers().equals(List.of(OkHttpTransportProvider.class.getName()))));
    }
    TransportProvider okhttp = new OkHttpTransportProvider();
    assertEquals("okhttp", okhttp.name());
    assertEquals(40, okhttp.priority());
  }

  @Test
  void capabilities_claimOnlyWhatOkHttpHonours() {
    Set<Capability> claimed = new OkHttpTransportProvider().capabilities();
    assertEquals(Set.of(Capability.TLS, Capability.PERMESSAGE_DEFLATE, Capability.KEEP_ALIVE,
        Capability.HANDSHAKE_TIMEOUT, Capability.STRICT_UTF8, Capability.MAX_MESSAGE_SIZE,
        Capability.FRAME_MASKING, Capability.EMPTY_CLOSE_FRAME, Capability.CONNECTION_TOKEN_LIST,
        Capability.HTTP_PROXY), claimed);
    for (Capability deviation : new OkHttpTransportProvider().knownDeviations().keySet()) {
      assertTrue(deviation.required(), deviation + " is a required capability");
      assertFalse(claimed.contains(deviation));
    }
  }

  @Test
  void client_neverFollowsRedirectsKeepsNoCookiesAndIsNotCappedAt64() {
    try (OkHttpTransport t = (OkHttpTransport) new OkHttpTransportProvider().create(TransportConfig.defaults())) {
      OkHttpClient c = t.client();
      assertFalse(c.followRedirects());
      assertFalse(c.followSslRedirects());
      assertEquals(Integer.MAX_VALUE, c.dispatcher().getMaxRequests());
      assertEquals(Integer.MAX_VALUE, c.dispatcher().getMaxRequestsPerHost());
      assertSame(okhttp3.CookieJar.NO_COOKIES, c.cookieJar());
      assertEquals(java.net.Proxy.NO_PROXY, c.proxy(), "no proxy unless configured");
    }
  }

  @Test
  void rfc7692_compressesEveryMessageByDefaultAndTakesTheThresholdProperty() {
    try (OkHttpTransport own = (OkHttpTransport) new OkHttpTransportProvider().create(TransportConfig.defaults());
        OkHttpTransport set = (OkHttpTransport) new OkHttpTransportProvider().create(
            TransportConfig.builder().property("okhttp.minMessageToCompress", "512").build());
        OkHttpTransport user = (OkHttpTransport) new OkHttpTransportProvider(
            new OkHttpClient.Builder().minWebSocketMessageToCompress(77).build())
            .create(TransportConfig.defaults())) {
      assertEquals(0, own.client().minWebSocketMessageToCompress());
      assertEquals(512, set.client().minWebSocketMessageToCompress());
      assertEquals(77, user.client().minWebSocketMessageToCompress(), "a handed-in client keeps its own");
    }
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new OkHttpTransportProvider().create(
            TransportConfig.builder().property("okhttp.minMessageToCompress", "-1").build()));
    assertTrue(bad.getMessage().contains("okhttp.minMessageToCompress"));
  }

  @Test
  void userClient_isDerivedFromKeepingItsPoolAndInterceptors() {
    ConnectionPool pool = new ConnectionPool();
    OkHttpClient user = new OkHttpClient.Builder()
        .connectionPool(pool)
        .followRedirects(true)
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-User", "yes").build()))
        .build();
    try (FixtureServer server = FixtureServer.start();
        OkHttpTransport t = (OkHttpTransport) new OkHttpTransportProvider(user).create(TransportConfig.defaults())) {
      assertSame(pool, t.client().connectionPool());
      assertFalse(t.client().followRedirects());
      assertTrue(user.followRedirects(), "the user's client is left as it was");
      RecordingListener events = new RecordingListener();
      t.connect(ConnectRequest.builder(server.uri("/")).build(), events);
      HandshakeRequest request = server.accept().acceptHandshake();
      assertEquals(Optional.of("yes"), request.header("X-User"));
      events.awaitOpened();
    }
  }

  @Test
  void connect_afterCloseThrowsIllegalState() {
    OkHttpTransport t = (OkHttpTransport) new OkHttpTransportProvider().create(TransportConfig.defaults());
    t.close();
    t.close(); // idempotent
    assertThrows(IllegalStateException.class,
        () -> t.connect(ConnectRequest.builder(URI.create("ws://127.0.0.1:1/")).build(), new RecordingListener()));
  }

  @Test
  void dispatcher_opensMoreSocketsThanOkHttpsDefault64() {
    int sockets = 70;
    try (JettyServer jetty = JettyServer.start();
        Harness harness = new Harness()) {
      List<Client> clients = new ArrayList<>();
      for (int i = 0; i < sockets; i++) {
        clients.add(harness.connect(jetty.uri("/echo")));
      }
      for (Client c : clients) {
        c.events().awaitOpened();
      }
      Client last = clients.get(sockets - 1);
      last.sendText("the 70th");
      assertEquals("the 70th", last.events().awaitText());
    }
  }

  @Test
  void connect_reportsNothingBeforeReturningEvenOnImmediateFailure() throws InterruptedException {
    int attempts = 20;
    AtomicBoolean early = new AtomicBoolean();
    CountDownLatch failed = new CountDownLatch(attempts);
    try (Transport t = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
      for (int i = 0; i < attempts; i++) {
        AtomicBoolean returned = new AtomicBoolean();
        Object lock = new Object();
        ConnectionListener probe = new ConnectionListener() {
          @Override public void opened(Handshake h) {}
          @Override public void text(String text) {}
          @Override public void binary(ByteBuffer data) {}
          @Override public void closing(int code, String reason) {}
          @Override public void closed(int code, String reason, boolean wasClean) {}
          @Override public void transmitted(long bytes) {}

          @Override
          public void failed(Throwable cause) {
            // Another thread waits here until connect has returned and the flag is set; only a
            // report made inside connect (on its own thread) finds the flag still unset.
            synchronized (lock) {
              early.compareAndSet(false, !returned.get());
            }
            failed.countDown();
          }
        };
        synchronized (lock) {
          // Port 1 on loopback refuses at once; even so the report must follow connect's return.
          t.connect(ConnectRequest.builder(URI.create("ws://127.0.0.1:1/")).build(), probe);
          returned.set(true);
        }
      }
      assertTrue(failed.await(5, TimeUnit.SECONDS), "every attempt failed");
      assertFalse(early.get(), "a callback arrived before connect returned");
    }
  }

  @Test
  void extraHeadersAndOriginAreSentAsGiven() {
    try (FixtureServer server = FixtureServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(server.uri("/path?q=1"),
          b -> b.origin("https://app.example").header("Cookie", "a=b").header("X-Extra", "1"));
      FixturePeer peer = server.accept();
      HandshakeRequest request = peer.acceptHandshake();
      assertEquals("GET /path?q=1 HTTP/1.1", request.requestLine());
      assertEquals(Optional.of("https://app.example"), request.header("Origin"));
      assertEquals(Optional.of("a=b"), request.header("Cookie"));
      assertEquals(Optional.of("1"), request.header("X-Extra"));
      client.events().awaitOpened();
    }
  }
}
