/**
 * Duplex: the W3C WebSocket API for Java over interchangeable RFC 6455 transports.
 *
 * <p>Exports {@code dev.duplex} only; the implementation of the specification's algorithms lives
 * in {@code dev.duplex.internal}, which is not exported. Transports and policies are found with
 * {@link java.util.ServiceLoader}.
 */
module dev.duplex.api {
  requires transitive dev.duplex.spi;

  exports dev.duplex;

  uses dev.duplex.spi.TransportProvider;
  uses dev.duplex.spi.PortBlockingPolicy;
  uses dev.duplex.spi.CookieStorePolicy;
  uses dev.duplex.spi.MixedContentPolicy;
  uses dev.duplex.spi.BufferLimitPolicy;
  uses dev.duplex.spi.MessageSizePolicy;
  uses dev.duplex.spi.HandshakeTimeoutPolicy;
  uses dev.duplex.spi.KeepAlivePolicy;
  uses dev.duplex.spi.EventLoopPolicy;
  uses dev.duplex.spi.FailureObserver;
}
