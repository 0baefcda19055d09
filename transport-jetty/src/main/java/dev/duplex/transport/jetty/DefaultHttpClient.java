package dev.duplex.transport.jetty;

import dev.duplex.spi.TransportConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Builds the {@link HttpClient} a transport uses when none is handed in, configured from the
 * {@link TransportConfig} and changed where Jetty's defaults break the W3C semantics:
 *
 * <ul>
 *   <li>TLS from {@link TransportConfig#sslContext()}, host-name verification (endpoint
 *       identification {@code HTTPS}) unless {@link TransportConfig#verifyHostname()} is off;
 *   <li>an HTTP proxy from {@link TransportConfig#proxySelector()} is added per target when a
 *       connection is made ({@link SelectorProxy});
 *   <li>redirects are not followed (the W3C API fails on them);
 *   <li>no cookie store: the engine owns cookies and sends them as a request header;
 *   <li>no connect timeout of its own (the request's handshake timeout applies) and no small
 *       limit on concurrent handshakes to one server;
 *   <li>daemon threads named {@code duplex-jetty-N}, so a forgotten transport never keeps the JVM
 *       alive, in a pool that knows its own threads ({@link OwnPool#runsThisThread()}): the
 *       transport runs the engine's callbacks inline only on those, never on the scheduler's
 *       thread, which every timer of the transport shares.
 * </ul>
 *
 * <p>Threading: stateless apart from a counter for thread names; thread-safe.
 */
final class DefaultHttpClient {
  /** Prefix of the names of the threads of every default client. */
  static final String THREAD_PREFIX = "duplex-jetty-";
  private static final AtomicInteger IDS = new AtomicInteger();
  /** Concurrent handshakes per server: far beyond what one process opens at once. */
  private static final int MANY = 1 << 16;

  private DefaultHttpClient() {}

  /**
   * @param config the transport's settings
   * @return a configured, not yet started client
   */
  static HttpClient create(TransportConfig config) {
    String name = THREAD_PREFIX + IDS.incrementAndGet();
    SslContextFactory.Client tls = new SslContextFactory.Client();
    config.sslContext().ifPresent(tls::setSslContext);
    tls.setEndpointIdentificationAlgorithm(config.verifyHostname() ? "HTTPS" : null);
    OwnPool pool = new OwnPool();
    pool.setName(name);
    pool.setDaemon(true);
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(tls);
    connector.setExecutor(pool);
    ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(name + "-scheduler", true);
    connector.setScheduler(scheduler);
    HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
    http.setExecutor(pool);
    http.setScheduler(scheduler);
    http.setFollowRedirects(false);
    // The request's handshake timeout governs, not Jetty's 15 s connect timeout.
    http.setConnectTimeout(TimeUnit.MINUTES.toMillis(10));
    // Many sockets may open to one server at once; Jetty would queue at most 1024 handshakes.
    http.setMaxConnectionsPerDestination(MANY);
    http.setMaxRequestsQueuedPerDestination(MANY);
    http.setHttpCookieStore(new HttpCookieStore.Empty());
    return http;
  }

  /**
   * Jetty's thread pool, marking each of its threads so that {@link #runsThisThread()} can tell
   * them from any other thread (another transport's, the scheduler's, the application's) without
   * relying on names.
   *
   * <p>Threading: as {@link QueuedThreadPool}; {@link #runsThisThread()} from any thread.
   */
  static final class OwnPool extends QueuedThreadPool {
    private static final ThreadLocal<OwnPool> OWNER = new ThreadLocal<>();

    @Override
    public Thread newThread(Runnable runnable) {
      return super.newThread(() -> {
        OWNER.set(this);
        runnable.run();
      });
    }

    /** @return whether the calling thread is one of this pool's */
    boolean runsThisThread() {
      return OWNER.get() == this;
    }
  }
}
