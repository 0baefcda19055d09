package dev.duplex.spi;

/**
 * Something a transport may or must be able to do, as claimed by
 * {@link TransportProvider#capabilities()}.
 *
 * <p>{@linkplain #required() Required} capabilities are behaviours the specifications demand: a
 * transport that cannot provide one must say why in {@link TransportProvider#knownDeviations()},
 * and the TCK then reports a known deviation instead of running the clauses. Optional ones are
 * features; their TCK clauses run only where they are claimed and are otherwise reported as
 * "not claimed".
 *
 * <p>Threading: immutable.
 */
public enum Capability {
  /** Invalid UTF-8 in a text message or close reason fails the connection (RFC 6455 8.1). */
  STRICT_UTF8(true, "invalid UTF-8 fails the connection (RFC 6455 8.1)"),
  /** {@code close()} without a code sends a Close frame with no body (W3C close step 4). */
  EMPTY_CLOSE_FRAME(true, "close() without a code sends an empty Close frame"),
  /** A {@code Connection} header is read as a token list, e.g. {@code keep-alive, Upgrade}. */
  CONNECTION_TOKEN_LIST(true, "the Connection response header is a token list (RFC 6455 4.1)"),
  /** Every client frame is masked with a fresh, unpredictable key (RFC 6455 5.3). */
  FRAME_MASKING(true, "every frame masked with a fresh key (RFC 6455 5.3)"),
  /** {@code wss:} over TLS with certificate and host-name verification. */
  TLS(false, "wss: over TLS, verifying the certificate and host name"),
  /** permessage-deflate (RFC 7692), offered when the context enables it. */
  PERMESSAGE_DEFLATE(false, "permessage-deflate (RFC 7692)"),
  /** Connects through an HTTP proxy with a CONNECT tunnel, for {@code ws:} and {@code wss:}. */
  HTTP_PROXY(false, "HTTP CONNECT proxy tunnel for ws: and wss:"),
  /** Sends keep-alive pings and fails the connection when no pong comes back in time. */
  KEEP_ALIVE(false, "keep-alive pings; a missing pong fails the connection"),
  /** Fails the connection when the opening handshake takes longer than the timeout. */
  HANDSHAKE_TIMEOUT(false, "handshake timeout"),
  /** Fails the connection (1009) when a message exceeds the maximum message size. */
  MAX_MESSAGE_SIZE(false, "maximum message size (1009)");

  private final boolean required;
  private final String description;

  Capability(boolean required, String description) {
    this.required = required;
    this.description = description;
  }

  /**
   * Whether the specifications require this behaviour of every transport.
   *
   * @return true for a required behaviour, false for an optional feature
   */
  public boolean required() {
    return required;
  }

  /**
   * A short human description for reports.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
