package dev.duplex.transport.okhttp;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The {@code "okhttp"} transport: RFC 6455 over OkHttp 5's WebSocket client, with the adapter
 * filling in what the W3C semantics need and OkHttp does not do by itself.
 *
 * <h2>What the adapter adds to OkHttp</h2>
 * <ul>
 *   <li>Redirects are never followed ({@code followRedirects(false)}, {@code
 *       followSslRedirects(false)}); a 3xx fails the connection.
 *   <li>The handshake checks OkHttp skips, in an application interceptor: the selected subprotocol
 *       must be one of those offered and present when any was offered; the only extension
 *       accepted is {@code permessage-deflate}, only when offered, with the parameters OkHttp can
 *       honour. When the request does not ask for permessage-deflate, OkHttp's offer is removed.
 *   <li>A server's Close frame is answered (OkHttp does not reply by itself). Once a Close frame
 *       has arrived, OkHttp closes TCP as soon as it can; the wrapped socket (below) waits for
 *       the server to close TCP first (RFC 6455 7.1.1, at most the close timeout), and {@code
 *       closed} is reported only then, so the W3C close event follows TCP's close.
 *   <li>OkHttp caps its outgoing queue at 16 MiB and closes the socket with 1001 when a send would
 *       pass the cap. The adapter holds what OkHttp will not take yet and feeds it as OkHttp's
 *       queue drains, so no message is refused or dropped. A <em>single</em> message larger than
 *       16 MiB can never be taken by OkHttp; sending one fails the connection (close with
 *       prejudice, as W3C {@code send()} does when data cannot be buffered) with a cause that says
 *       so.
 *   <li>OkHttp has no write callback: {@code transmitted} is derived from the drop of {@code
 *       queueSize()}, polled every {@value OutboundFlow#POLL_MILLIS} ms while bytes are
 *       outstanding. The granularity is one whole message (OkHttp subtracts a message when its
 *       last byte has been written) and one polling interval.
 *   <li>OkHttp replaces invalid UTF-8 with U+FFFD and reads any message whole, however large.
 *       The adapter reads the socket (the TCP stream for {@code ws:}, the decrypted TLS stream
 *       for {@code wss:}) through a guard that follows the frames before OkHttp parses them: it
 *       fails the connection on invalid UTF-8 in a text message or close reason, as soon as the
 *       bytes show it, and on a message larger than the request's maximum size (counted after
 *       decompression), before OkHttp has buffered more than that. The cost is a second UTF-8
 *       check of text and a second inflation of compressed messages. Through a SOCKS proxy,
 *       where OkHttp bypasses the socket factory, {@code ws:} connections are not guarded.
 *   <li>OkHttp masks frames with keys from {@code java.util.Random}, which an observer can predict.
 *       The same sockets re-mask every frame OkHttp writes with a key from {@code SecureRandom}
 *       (RFC 6455 5.3, 10.3). OkHttp's {@code close()} also requires a code: for a close without
 *       one (and the reply to a server's empty Close) the adapter closes with 1000 and the socket
 *       strips the code, so an empty Close frame goes out as W3C {@code close()} requires.
 *   <li>OkHttp requires the response header {@code Connection} to be exactly {@code Upgrade};
 *       RFC 6455 reads it as a token list. The guard hands OkHttp the response head with a
 *       {@code Connection} token list that includes {@code upgrade} rewritten to {@code
 *       Connection: Upgrade} (the response headers the engine sees show that line).
 *   <li>OkHttp tunnels only {@code wss:} through an HTTP proxy and sends {@code ws:} to it as an
 *       absolute-form GET. The selector OkHttp sees hides HTTP proxies for {@code ws:}, and the
 *       wrapped socket connects to the proxy and opens the CONNECT tunnel itself (RFC 6455 4.1).
 *       The target host must then resolve on the client (OkHttp resolves it for what it takes
 *       for a direct connection); proxy authentication is not supported.
 *   <li>Every OkHttp callback is caught, serialised per connection and reported exactly once as
 *       terminal.
 * </ul>
 *
 * <h2>Threads and sockets</h2>
 * OkHttp reads each WebSocket on a thread of its own for the connection's whole life. The
 * transport gives OkHttp a private {@code Dispatcher} without OkHttp's default cap of 64 calls
 * (5 per host), so the number of open sockets is not capped, at the cost of one (mostly idle)
 * thread per open socket. Use the {@code nio} transport for very many sockets. One more daemon
 * thread per transport polls the outgoing queues, and daemon callback threads, made on demand,
 * deliver the reports OkHttp makes on its shared {@code TaskRunner} threads. With a client of its
 * own the transport allows inline dispatch ({@link Transport#allowsInlineDispatch()}): with the
 * default event loop a socket's handlers run on its reader thread while the context's loop is
 * idle, with no hand-over to the context's thread, so a handler that blocks holds up that
 * socket's reading (and, with keep-alive, longer than the ping period fails it). With a client
 * handed in, whose interceptors, event listener and sockets run the application's code on those
 * threads, it does not: every handler runs on the context's thread.
 *
 * <h2>Configuration</h2>
 * With the no-argument constructor (what {@link java.util.ServiceLoader} uses), the transport
 * builds its own client from {@link TransportConfig}: TLS context, host-name verification and
 * proxy selector (none means a direct connection). With {@link
 * #OkHttpTransportProvider(OkHttpClient)}, it derives its client from the one given, with {@code
 * newBuilder()}: the given client's pool, DNS, TLS and proxy settings are kept unless the {@link
 * TransportConfig} sets them explicitly. The derived client never follows redirects, keeps no
 * cookies (the engine owns them) and uses the transport's own dispatcher. Per connection, the
 * handshake timeout becomes OkHttp's call and connect timeouts, the close timeout its {@code
 * webSocketCloseTimeout}, and keep-alive becomes its {@code pingInterval} (see {@link
 * Capability#KEEP_ALIVE} below). Read and write timeouts are off: W3C sockets may be idle or
 * slow readers indefinitely. With permessage-deflate in use every message is compressed, as
 * browsers do; the transport property {@code okhttp.minMessageToCompress} (bytes) sets OkHttp's
 * threshold instead (a client handed in keeps its own unless the property is set).
 *
 * <h2>Capabilities</h2>
 * Claimed: {@link Capability#TLS}, {@link Capability#PERMESSAGE_DEFLATE} (OkHttp honours {@code
 * server_no_context_takeover}, {@code client_no_context_takeover} and {@code
 * server_max_window_bits}; it never offers {@code client_max_window_bits}, so a server naming it
 * is rejected), {@link Capability#KEEP_ALIVE} (OkHttp has one period for both: it pings every
 * period and fails the connection when the previous ping is unanswered at the next one; the
 * adapter uses {@code min(pingInterval, pongTimeout)}, so pings go at least as often as asked and a
 * missing pong fails the connection within the pong timeout; but a pong slower than that period
 * fails it too, even within the pong timeout, and OkHttp pings busy connections as well as idle
 * ones), {@link Capability#HANDSHAKE_TIMEOUT}, and, through the socket wrapping above, {@link
 * Capability#FRAME_MASKING}, {@link Capability#EMPTY_CLOSE_FRAME}, {@link
 * Capability#CONNECTION_TOKEN_LIST}, {@link Capability#STRICT_UTF8} and {@link
 * Capability#MAX_MESSAGE_SIZE} (the connection fails without a Close frame: OkHttp offers no way
 * to send 1007 or 1009 and then fail), and {@link Capability#HTTP_PROXY} through the CONNECT
 * tunnel above. Every required capability is claimed, so {@link #knownDeviations()} is empty, except for a handed-in
 * client with a socket factory of its own (see {@link #capabilities()}). One hole remains that
 * the claims cannot express: {@code ws:} through a SOCKS proxy, whose sockets OkHttp makes
 * without any socket factory, goes unwrapped and behaves as plain OkHttp does.
 *
 * <p>Threading: immutable and thread-safe.
 */
public final class OkHttpTransportProvider implements TransportProvider {
  /** The name under which this transport is chosen. */
  public static final String NAME = "okhttp";

  private static final Set<Capability> CAPABILITIES =
      Set.copyOf(
          EnumSet.of(
              Capability.TLS,
              Capability.PERMESSAGE_DEFLATE,
              Capability.KEEP_ALIVE,
              Capability.HANDSHAKE_TIMEOUT,
              Capability.MAX_MESSAGE_SIZE,
              Capability.STRICT_UTF8,
              Capability.FRAME_MASKING,
              Capability.EMPTY_CLOSE_FRAME,
              Capability.CONNECTION_TOKEN_LIST,
              Capability.HTTP_PROXY));

  /** What a handed-in client with a socket factory of its own cannot guard on {@code ws:}. */
  private static final Set<Capability> GUARDED =
      Set.of(Capability.STRICT_UTF8, Capability.MAX_MESSAGE_SIZE, Capability.FRAME_MASKING,
          Capability.EMPTY_CLOSE_FRAME, Capability.CONNECTION_TOKEN_LIST, Capability.HTTP_PROXY);

  private static final String UNGUARDED_UTF8 =
      "The OkHttpClient given has a socket factory of its own, whose ws: sockets the adapter"
          + " cannot read through its guard; OkHttp then decodes invalid UTF-8 as U+FFFD and keeps"
          + " the connection open";

  private static final String UNGUARDED_MASKING =
      "The OkHttpClient given has a socket factory of its own, whose ws: sockets the adapter"
          + " cannot re-mask; OkHttp then masks every frame with a fresh key from java.util.Random,"
          + " which an observer of the masks can predict (RFC 6455 10.3 asks for a strong source of"
          + " entropy)";

  private static final String UNGUARDED_EMPTY_CLOSE =
      "The OkHttpClient given has a socket factory of its own, whose ws: sockets the adapter"
          + " cannot rewrite; OkHttp's close() requires a status code, so close() without a code"
          + " then sends 1000, and a server's empty Close frame is answered with 1000";

  private static final String UNGUARDED_TOKEN_LIST =
      "The OkHttpClient given has a socket factory of its own, whose ws: sockets the adapter"
          + " cannot read; OkHttp then requires the Connection response header to equal 'Upgrade'"
          + " and fails a handshake whose Connection header is a token list such as"
          + " 'keep-alive, Upgrade'";

  private final OkHttpClient base;

  /** Creates the provider that {@link java.util.ServiceLoader} finds: a client of its own. */
  public OkHttpTransportProvider() {
    this.base = null;
  }

  /**
   * Creates a provider whose transports derive their client from {@code client} (its connection
   * pool, DNS, interceptors, TLS and proxy settings), overriding what the W3C semantics need.
   *
   * @param client the configured client to start from
   */
  public OkHttpTransportProvider(OkHttpClient client) {
    this.base = Objects.requireNonNull(client, "client");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** @return 40 */
  @Override
  public int priority() {
    return 40;
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a handed-in client whose socket factory is not the JDK's default, {@link
   * Capability#STRICT_UTF8}, {@link Capability#FRAME_MASKING}, {@link
   * Capability#EMPTY_CLOSE_FRAME}, {@link Capability#CONNECTION_TOKEN_LIST}, {@link
   * Capability#HTTP_PROXY} and {@link Capability#MAX_MESSAGE_SIZE} are not claimed: the adapter
   * cannot wrap {@code ws:} sockets it did not make. The required ones among them are then
   * declared as deviations.
   */
  @Override
  public Set<Capability> capabilities() {
    if (guardable()) {
      return CAPABILITIES;
    }
    Set<Capability> fewer = EnumSet.copyOf(CAPABILITIES);
    fewer.removeAll(GUARDED);
    return Set.copyOf(fewer);
  }

  @Override
  public Map<Capability, String> knownDeviations() {
    if (guardable()) {
      return Map.of();
    }
    Map<Capability, String> more = new java.util.EnumMap<>(Capability.class);
    more.put(Capability.STRICT_UTF8, UNGUARDED_UTF8);
    more.put(Capability.CONNECTION_TOKEN_LIST, UNGUARDED_TOKEN_LIST);
    more.put(Capability.FRAME_MASKING, UNGUARDED_MASKING);
    more.put(Capability.EMPTY_CLOSE_FRAME, UNGUARDED_EMPTY_CLOSE);
    return Map.copyOf(more);
  }

  private boolean guardable() {
    return base == null || SocketCapture.canGuard(base.socketFactory());
  }

  @Override
  public Transport create(TransportConfig config) {
    Objects.requireNonNull(config, "config");
    return new OkHttpTransport(ClientFactory.create(base, config), base == null);
  }

  @Override
  public String toString() {
    return "OkHttpTransportProvider[" + (base == null ? "own client" : "given client") + "]";
  }
}
