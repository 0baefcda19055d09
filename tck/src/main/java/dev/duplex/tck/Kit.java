package dev.duplex.tck;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.HandshakeTimeoutPolicy;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.RecordingListener;
import dev.duplex.tck.fixture.ConnectProxy;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.tck.fixture.RefusingPort;
import dev.duplex.tck.fixture.TlsMaterial;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The resources of one TCK test: the provider under test, transports created from it, the
 * fixture servers and the clients. Everything is created lazily, on loopback and ephemeral ports,
 * and released by {@link #close()} after the test, newest first.
 *
 * <p>Threading: used by the test's thread; {@link #close()} runs after the test on the same
 * thread.
 */
public final class Kit implements AutoCloseable {
  private final TransportProvider provider;
  private final UnaryOperator<TransportConfig.Builder> configHook;
  private final ApiSeam api;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Deque<RecordingListener> listeners = new ArrayDeque<>();
  private Transport transport;
  private FixtureServer fixture;
  private JettyServer jetty;
  private WebSocketContext context;

  /**
   * Creates the resources holder of one test.
   *
   * @param provider the provider under test
   * @param configHook the vendor's adjustment of every {@link TransportConfig}
   */
  public Kit(TransportProvider provider, UnaryOperator<TransportConfig.Builder> configHook) {
    this(provider, configHook, ApiSeam.DIRECT);
  }

  /**
   * Creates the resources holder of one test over an api reached through {@code api}.
   *
   * @param provider the provider under test
   * @param configHook the vendor's adjustment of every {@link TransportConfig}
   * @param api how contexts are built and sockets opened
   */
  Kit(TransportProvider provider, UnaryOperator<TransportConfig.Builder> configHook, ApiSeam api) {
    this.provider = provider;
    this.configHook = configHook;
    this.api = api;
  }

  /** @return the provider under test */
  public TransportProvider provider() {
    return provider;
  }

  /** @return a config builder with the vendor's adjustments applied */
  public TransportConfig.Builder config() {
    return configHook.apply(TransportConfig.builder());
  }

  /**
   * Registers something to close after the test (before what was registered earlier).
   *
   * @param <T> its type
   * @param resource the resource
   * @return the resource
   */
  public <T extends AutoCloseable> T closeAfter(T resource) {
    resources.push(resource);
    return resource;
  }

  /** @return the test's transport with the default config, created on first use */
  public Transport transport() {
    if (transport == null) {
      transport = transport(config().build());
    }
    return transport;
  }

  /**
   * Creates another transport of the provider with a specific config, closed after the test.
   *
   * @param config the configuration
   * @return the transport
   */
  public Transport transport(TransportConfig config) {
    return closeAfter(provider.create(config));
  }

  /** @return the test's scriptable fixture server, started on first use */
  public FixtureServer fixture() {
    if (fixture == null) {
      fixture = closeAfter(FixtureServer.start());
    }
    return fixture;
  }

  /**
   * A new api context over the provider under test, closed after the test: the handshake timeout
   * is twice {@link Timeouts#WAIT} (so a clause waiting for a connection to be dropped cannot be
   * satisfied by the timeout instead) and the close timeout {@link Timeouts#POLICY}, then
   * {@code settings} may change anything.
   *
   * @param settings adjusts the builder (origin, policies...)
   * @return the context
   */
  public WebSocketContext context(Consumer<WebSocketContext.Builder> settings) {
    WebSocketContext.Builder b = WebSocketContext.builder().name("tck").transport(provider)
        .transportConfig(config().build()).handshakeTimeout(HandshakeTimeoutPolicy.of(Timeouts.WAIT.multipliedBy(2)))
        .closeTimeout(Timeouts.POLICY);
    settings.accept(b);
    return closeAfter(api.build(b, provider));
  }

  /** @return the test's api context with the kit's defaults, created on first use */
  public WebSocketContext context() {
    if (context == null) {
      context = context(b -> {});
    }
    return context;
  }

  /**
   * Opens a socket through the api on the test's context, recording its events.
   *
   * @param url the URL
   * @param protocols the subprotocols
   * @return the socket
   */
  public ApiSocket open(String url, String... protocols) {
    return open(context(), url, protocols);
  }

  /**
   * Opens a socket through the api on a context, recording its events.
   *
   * @param on the context
   * @param url the URL
   * @param protocols the subprotocols
   * @return the socket
   */
  public ApiSocket open(WebSocketContext on, String url, String... protocols) {
    return ApiSocket.open(on, init -> open(on, url, List.of(protocols), init));
  }

  /**
   * Opens a socket through the api as {@link WebSocketContext#open(String, List, Consumer)} does.
   * Every socket of the kit is opened here, and every context built by {@link #context(Consumer)},
   * so that the kit's self-test can put a deliberately broken api in their place.
   *
   * @param on the context
   * @param url the URL
   * @param protocols the subprotocols
   * @param init runs before any event of the socket can be dispatched
   * @return the socket, CONNECTING
   */
  public WebSocket open(WebSocketContext on, String url, List<String> protocols, Consumer<? super WebSocket> init) {
    return api.open(on, url, protocols, init);
  }

  /** @return the test's plain Jetty server, started on first use */
  public JettyServer jetty() {
    if (jetty == null) {
      jetty = closeAfter(JettyServer.start());
    }
    return jetty;
  }

  /**
   * Starts a Jetty server for {@code wss:} presenting a certificate, closed after the test.
   *
   * @param tls the certificate
   * @return the server
   */
  public JettyServer jetty(TlsMaterial tls) {
    return closeAfter(JettyServer.start(tls));
  }

  /** @return a new CONNECT proxy, closed after the test */
  public ConnectProxy proxy() {
    return closeAfter(ConnectProxy.start());
  }

  /** @return a new proxy that refuses every CONNECT with 403, closed after the test */
  public ConnectProxy refusingProxy() {
    return closeAfter(ConnectProxy.start(true));
  }

  /**
   * Holds a loopback port that refuses every connection until the end of the test. Use it, never
   * a closed {@code ServerSocket}'s port, wherever a clause needs a connection refused: nothing
   * else can bind it while the clause runs.
   *
   * @return the held port, released after the test
   */
  public RefusingPort refusingPort() {
    return closeAfter(RefusingPort.hold());
  }

  /**
   * Opens a connection through the test's transport.
   *
   * @param uri the target
   * @return the client
   */
  public Client connect(URI uri) {
    return connect(transport(), uri, b -> {});
  }

  /**
   * Opens a connection through the test's transport with request settings.
   *
   * @param uri the target
   * @param request adjusts the request (protocols, timeouts...)
   * @return the client
   */
  public Client connect(URI uri, Consumer<ConnectRequest.Builder> request) {
    return connect(transport(), uri, request);
  }

  /**
   * Opens a connection through a given transport. The close timeout is set to
   * {@link Timeouts#POLICY} unless {@code request} changes it.
   *
   * @param through the transport
   * @param uri the target
   * @param request adjusts the request
   * @return the client
   */
  public Client connect(Transport through, URI uri, Consumer<ConnectRequest.Builder> request) {
    ConnectRequest.Builder b = ConnectRequest.builder(uri).closeTimeout(Timeouts.POLICY);
    request.accept(b);
    RecordingListener listener = new RecordingListener();
    listeners.push(listener);
    return new Client(through.connect(b.build(), listener), listener);
  }

  /**
   * Closes everything, newest first.
   *
   * @throws AssertionError if a transport broke the listener contract during the test
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Closing a TCK resource failed: " + e, e);
        }
      }
    }
    for (RecordingListener l : listeners) {
      if (!l.violations().isEmpty()) {
        throw new AssertionError("The transport broke the ConnectionListener contract: " + l.violations());
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
