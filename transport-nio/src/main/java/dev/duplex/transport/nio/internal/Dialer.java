package dev.duplex.transport.nio.internal;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Handshake;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens one connection up to the end of the opening handshake: proxy choice and name resolution
 * (on the resolver executor, never on a selector thread), TCP connect (each resolved address in
 * turn), an HTTP CONNECT tunnel when a proxy is configured, TLS for {@code wss:}, and the HTTP
 * upgrade (RFC 6455 section 4.1). It then hands the socket to its {@link NioConnection}.
 *
 * <p>Every step handed to the selector thread is a {@link SelectorLoop.Task}: if the loop has ended
 * before it runs, the connection fails instead of waiting for a step that never comes.
 *
 * <p>Threading: {@link #dial} on any thread; resolution on the resolver executor; everything else
 * on the selector thread (or, once the loop has ended, its reaper thread).
 */
final class Dialer implements SelectorLoop.Handler {
  private enum Step { RESOLVING, CONNECTING, PROXY, TLS, UPGRADE }

  private final NioConnection connection;
  private final NioTransport transport;
  private final SelectorLoop loop;
  private final ConnectRequest request;
  private Step step = Step.RESOLVING;
  private boolean viaProxy;
  private InetAddress[] addresses;
  private String hostName;
  private int port;
  private int nextAddress;
  private SocketChannel channel;
  private SelectionKey key;
  private Wire wire;
  private TlsWire tls;
  private ByteBuffer pendingOut;
  private HttpResponseReader responseReader;
  private OpeningHandshake handshake;

  Dialer(NioConnection connection, NioTransport transport) {
    this.connection = connection;
    this.transport = transport;
    this.loop = connection.loop();
    this.request = connection.request();
  }

  /** Hands the dialling to the connection's loop; never calls the listener itself. */
  void dial() {
    loop.execute(onLoop(this::start));
  }

  /**
   * {@code step} as a task for the loop: a step that throws fails the connection (rather than
   * leave it to its handshake timer), and a step the loop rejects because it has ended fails it
   * with the loop's reason.
   */
  private SelectorLoop.Task onLoop(Runnable step) {
    return new SelectorLoop.Task() {
      @Override
      public void run() {
        try {
          step.run();
        } catch (RuntimeException | Error e) {
          fail(e);
        }
      }

      @Override
      public void rejected(Throwable selectorFailure) {
        fail(selectorFailure != null ? selectorFailure : transportClosed(null));
      }
    };
  }

  /** Begins: the handshake timer runs from here. */
  private void start() {
    loop.track(connection);
    connection.starting();
    if (transport.config().proxySelector().isEmpty() && isIpLiteral(request.host())
        && !request.secure()) {
      resolve(); // an address literal is parsed, never looked up: no need to leave the loop
      return;
    }
    try {
      transport.resolver().execute(this::resolve);
    } catch (RejectedExecutionException e) {
      fail(transportClosed(e));
    }
  }

  /** @return the failure of a connection that the transport's close ended before it opened */
  private static IOException transportClosed(Exception cause) {
    return new IOException("The transport was closed before the connection opened.", cause);
  }

  // Runs on the resolver executor (or the loop for an address literal without a proxy).
  private void resolve() {
    try {
      if (request.secure()) {
        transport.sslContext(); // the first lookup loads trust stores: never on the loop
      }
      Proxy proxy = chooseProxy();
      String host = request.host();
      int targetPort = request.port();
      if (proxy != null) {
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        host = address.getHostString();
        targetPort = address.getPort();
      }
      InetAddress[] resolved = InetAddress.getAllByName(host);
      boolean tunnel = proxy != null;
      int p = targetPort;
      String name = host;
      loop.execute(onLoop(() -> connectFirst(resolved, name, p, tunnel)));
    } catch (UnknownHostException e) {
      loop.execute(onLoop(() -> fail(new IOException("Cannot resolve the host name \""
          + e.getMessage() + "\".", e))));
    } catch (RuntimeException | Error e) {
      // Whatever goes wrong here must reach the listener: a dead resolver thread reports nothing.
      loop.execute(onLoop(() -> fail(new IOException("Cannot choose a proxy or resolve the host: "
          + e, e))));
    }
  }

  private Proxy chooseProxy() {
    if (transport.config().proxySelector().isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(request.secure() ? "https" : "http", null, request.host(), request.port(),
          null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The host \"" + request.host() + "\" is not valid.", e);
    }
    List<Proxy> proxies = transport.config().proxySelector().get().select(uri);
    for (Proxy proxy : proxies) {
      if (proxy.type() == Proxy.Type.DIRECT) {
        return null;
      }
      SocketAddress address = proxy.address();
      if (proxy.type() == Proxy.Type.HTTP && address instanceof InetSocketAddress) {
        return proxy;
      }
    }
    if (!proxies.isEmpty()) {
      // Going direct instead could bypass a proxy the operator relies on: refuse clearly.
      throw new IllegalArgumentException("the proxy selector offers only " + proxies
          + ", and this transport supports HTTP (CONNECT) proxies only");
    }
    return null;
  }

  private void connectFirst(InetAddress[] resolved, String name, int targetPort, boolean tunnel) {
    addresses = resolved;
    hostName = name;
    port = targetPort;
    viaProxy = tunnel;
    step = Step.CONNECTING;
    connectNext(null);
  }

  private void connectNext(IOException previous) {
    if (connection.isTerminated()) {
      return;
    }
    if (nextAddress >= addresses.length) {
      fail(new IOException("Cannot connect to " + describeTarget() + ": "
          + (previous == null ? "no address" : previous.getMessage()) + ".", previous));
      return;
    }
    InetSocketAddress address = new InetSocketAddress(addresses[nextAddress++], port);
    try {
      channel = SocketChannel.open();
      connection.attach(channel);
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      key = channel.register(loop.selector(), 0, this);
      if (channel.connect(address)) {
        connected();
      } else {
        key.interestOps(SelectionKey.OP_CONNECT);
      }
    } catch (IOException e) {
      closeQuietly();
      connectNext(e);
    }
  }

  private String describeTarget() {
    // The name as given: InetAddress.getHostName() could block on a reverse lookup.
    return (viaProxy ? "the proxy " : "") + hostName + ":" + port;
  }

  private void connected() throws IOException {
    wire = new PlainWire(channel);
    if (viaProxy) {
      step = Step.PROXY;
      String host = request.host();
      String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + request.port();
      pendingOut = ByteBuffer.wrap(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      responseReader = new HttpResponseReader("proxy's CONNECT response");
      writePending();
    } else {
      afterTunnel();
    }
  }

  private void afterTunnel() throws IOException {
    if (request.secure()) {
      step = Step.TLS;
      tls = new TlsWire(channel, newEngine(), loop.pool());
      wire = tls;
      tls.engine().beginHandshake();
      driveTls();
    } else {
      startUpgrade();
    }
  }

  private SSLEngine newEngine() {
    SSLEngine engine = transport.sslContext().createSSLEngine(request.host(), request.port());
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    if (transport.config().verifyHostname()) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!isIpLiteral(request.host())) {
      params.setServerNames(List.of(new SNIHostName(request.host())));
    }
    engine.setSSLParameters(params);
    return engine;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private void driveTls() throws IOException {
    switch (tls.handshake()) {
      case DONE:
        startUpgrade();
        break;
      case READ:
        key.interestOps(SelectionKey.OP_READ);
        break;
      case WRITE:
        key.interestOps(SelectionKey.OP_WRITE);
        break;
      case TASK:
        key.interestOps(0);
        try {
          transport.resolver().execute(() -> {
            try {
              tls.runDelegatedTasks();
              loop.execute(onLoop(this::resumeTls));
            } catch (RuntimeException | Error e) {
              loop.execute(onLoop(() -> fail(e)));
            }
          });
        } catch (RejectedExecutionException e) {
          fail(transportClosed(e));
        }
        break;
      default:
        throw new IllegalStateException("Unknown TLS handshake need.");
    }
  }

  private void resumeTls() {
    if (connection.isTerminated()) {
      return;
    }
    try {
      driveTls();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void startUpgrade() throws IOException {
    step = Step.UPGRADE;
    handshake = new OpeningHandshake(request);
    try {
      pendingOut = handshake.request();
    } catch (WebSocketFailure f) {
      fail(f);
      return;
    }
    responseReader = new HttpResponseReader("handshake response");
    writePending();
  }

  private void writePending() throws IOException {
    if (wire.write(pendingOut)) {
      key.interestOps(SelectionKey.OP_READ);
    } else {
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    if (connection.isTerminated()) {
      closeQuietly();
      return;
    }
    if (step == Step.CONNECTING) {
      try {
        channel.finishConnect();
      } catch (IOException e) {
        closeQuietly();
        connectNext(e);
        return;
      }
      connected();
    } else if (step == Step.TLS) {
      driveTls();
    } else {
      if (key.isWritable()) {
        writePending();
      }
      if (key.isValid() && key.isReadable()) {
        readResponse();
      }
    }
  }

  private void readResponse() throws IOException {
    ByteBuffer buf = loop.pool().readBuffer();
    do {
      buf.clear();
      if (wire.read(buf) < 0) {
        fail(new IOException("The " + (step == Step.PROXY ? "proxy" : "server")
            + " closed the connection during the opening handshake."));
        return;
      }
      buf.flip();
      HttpResponseReader.Response response;
      try {
        response = responseReader.read(buf);
        if (response == null) {
          continue;
        }
        if (step == Step.PROXY) {
          tunnelAnswered(response, buf);
        } else {
          Handshake accepted = handshake.validate(response);
          connection.opened(key, wire, accepted, handshake.deflate(), buf);
        }
        return;
      } catch (WebSocketFailure f) {
        fail(f);
        return;
      }
    } while (wire.hasBufferedInput());
  }

  private void tunnelAnswered(HttpResponseReader.Response response, ByteBuffer rest)
      throws IOException, WebSocketFailure {
    if (response.status() / 100 != 2) {
      throw new WebSocketFailure(CloseCodes.ABNORMAL_CLOSURE, "The proxy refused the tunnel to "
          + request.hostHeader() + ": " + response.status() + " " + response.reason() + ".");
    }
    if (rest.hasRemaining()) {
      throw WebSocketFailure.handshake("The proxy sent bytes after its CONNECT response.");
    }
    afterTunnel();
  }

  @Override
  public void crashed(Throwable cause) {
    fail(cause);
  }

  @Override
  public void shutdown() {
    fail(transportClosed(null));
  }

  private void fail(Throwable cause) {
    connection.failOpening(cause);
    closeQuietly();
  }

  private void closeQuietly() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a socket that failed: nothing more to report
      }
    }
    if (tls != null) {
      tls.release();
    }
  }
}
