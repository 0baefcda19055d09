package dev.duplex.spi;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a transport needs to open one connection. The engine has already parsed and
 * validated the URL (W3C section 7), checked ports and mixed content, and gathered the cookies.
 *
 * <p>Threading: immutable, safe to share. Build with {@link #builder(URI)}.
 */
public final class ConnectRequest {
  private final URI uri;
  private final String host;
  private final int port;
  private final String resourceName;
  private final boolean secure;
  private final List<String> protocols;
  private final String origin;
  private final List<Map.Entry<String, String>> headers;
  private final boolean permessageDeflate;
  private final Duration handshakeTimeout;
  private final Duration closeTimeout;
  private final long maxMessageSize;
  private final Duration pingInterval;
  private final Duration pongTimeout;

  private ConnectRequest(Builder b) {
    this.uri = b.uri;
    String scheme = b.uri.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("The URI's scheme must be ws or wss: " + b.uri);
    }
    if (b.uri.getHost() == null) {
      throw new IllegalArgumentException("The URI has no host: " + b.uri);
    }
    this.secure = "wss".equalsIgnoreCase(scheme);
    String h = b.uri.getHost();
    this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    this.port = b.uri.getPort() != -1 ? b.uri.getPort() : (secure ? 443 : 80);
    String path = b.uri.getRawPath() == null || b.uri.getRawPath().isEmpty() ? "/" : b.uri.getRawPath();
    this.resourceName = b.uri.getRawQuery() == null ? path : path + "?" + b.uri.getRawQuery();
    this.protocols = List.copyOf(b.protocols);
    this.origin = b.origin;
    this.headers = List.copyOf(b.headers);
    this.permessageDeflate = b.permessageDeflate;
    this.handshakeTimeout = b.handshakeTimeout;
    this.closeTimeout = b.closeTimeout;
    this.maxMessageSize = b.maxMessageSize;
    this.pingInterval = b.pingInterval;
    this.pongTimeout = b.pongTimeout;
  }

  /**
   * Starts a request for a {@code ws:} or {@code wss:} URI without a fragment.
   *
   * @param uri the target
   * @return a builder with the defaults documented on each setter
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** @return the target, {@code ws://host[:port]/resource} or {@code wss://...} */
  public URI uri() {
    return uri;
  }

  /** @return the host to connect to, IPv6 literals without brackets */
  public String host() {
    return host;
  }

  /** @return the port, the scheme's default (80 or 443) when the URI has none */
  public int port() {
    return port;
  }

  /**
   * The value of the {@code Host} header (RFC 6455 4.1 requirement 4): the host, bracketed if it
   * is an IPv6 literal, followed by {@code :port} unless the port is the scheme's default.
   *
   * @return the Host header value
   */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    boolean defaultPort = port == (secure ? 443 : 80);
    return defaultPort ? h : h + ":" + port;
  }

  /** @return the resource name: the path (at least {@code /}) and {@code ?query} if any */
  public String resourceName() {
    return resourceName;
  }

  /** @return true for {@code wss:} */
  public boolean secure() {
    return secure;
  }

  /** @return the subprotocols to offer, in order; empty for none */
  public List<String> protocols() {
    return protocols;
  }

  /** @return the value of the {@code Origin} header, if one is to be sent */
  public Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  /**
   * Extra request headers to send as given, in order (for example {@code Cookie}). Never
   * contains the headers the transport owns ({@code Host}, {@code Upgrade}, {@code Connection},
   * {@code Sec-WebSocket-*}, {@code Origin}).
   *
   * @return name/value pairs
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** @return whether to offer permessage-deflate (only where the transport supports it) */
  public boolean permessageDeflate() {
    return permessageDeflate;
  }

  /** @return the longest the opening handshake may take, from the call to connect */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * How long to wait, after the Close frames have been exchanged (or after sending ours), for
   * the server to close TCP before the client closes it itself (RFC 6455 7.1.1).
   *
   * @return the close timeout
   */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /**
   * The largest message (after decompression) to accept; a larger one fails the connection
   * with 1009.
   *
   * @return the limit in bytes, {@link Long#MAX_VALUE} for none
   */
  public long maxMessageSize() {
    return maxMessageSize;
  }

  /** @return the keep-alive ping interval, {@link Duration#ZERO} for no pings */
  public Duration pingInterval() {
    return pingInterval;
  }

  /** @return how long to wait for the pong to a keep-alive ping before failing */
  public Duration pongTimeout() {
    return pongTimeout;
  }

  @Override
  public String toString() {
    return "ConnectRequest[" + uri + ", protocols=" + protocols + "]";
  }

  /** Builder of {@link ConnectRequest}. Threading: confined to one thread. */
  public static final class Builder {
    private final URI uri;
    private final List<String> protocols = new ArrayList<>();
    private String origin;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private boolean permessageDeflate;
    private Duration handshakeTimeout = HandshakeTimeoutPolicy.DEFAULT_TIMEOUT;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private long maxMessageSize = MessageSizePolicy.DEFAULT_MAX_MESSAGE_SIZE;
    private Duration pingInterval = Duration.ZERO;
    private Duration pongTimeout = Duration.ofSeconds(10);

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** @param protocols subprotocols to offer, in order; default none @return this */
    public Builder protocols(List<String> protocols) {
      this.protocols.clear();
      this.protocols.addAll(protocols);
      return this;
    }

    /** @param origin the {@code Origin} header value, or null for none (default) @return this */
    public Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    /** @param name header name @param value header value @return this */
    public Builder header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    /** @param offer whether to offer permessage-deflate; default false @return this */
    public Builder permessageDeflate(boolean offer) {
      this.permessageDeflate = offer;
      return this;
    }

    /** @param timeout handshake timeout; default 30 s @return this */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = requirePositive(timeout, "handshakeTimeout");
      return this;
    }

    /** @param timeout close timeout; default 5 s @return this */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = requirePositive(timeout, "closeTimeout");
      return this;
    }

    /** @param bytes maximum message size; default 64 MiB @return this */
    public Builder maxMessageSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxMessageSize must be positive: " + bytes);
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * @param interval keep-alive ping interval, {@link Duration#ZERO} (default) for none
     * @param timeout how long to wait for each pong; default 10 s
     * @return this
     */
    public Builder keepAlive(Duration interval, Duration timeout) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("ping interval must not be negative: " + interval);
      }
      this.pingInterval = interval;
      this.pongTimeout = requirePositive(timeout, "pongTimeout");
      return this;
    }

    /** @return the request */
    public ConnectRequest build() {
      return new ConnectRequest(this);
    }

    private static Duration requirePositive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
