/**
 * The NIO transport of Duplex: RFC 6455 and RFC 7692 over {@code java.nio}, registered as the
 * {@code "nio"} {@link dev.duplex.spi.TransportProvider}.
 */
module dev.duplex.transport.nio {
  requires dev.duplex.spi;

  exports dev.duplex.transport.nio;

  provides dev.duplex.spi.TransportProvider with dev.duplex.transport.nio.NioTransportProvider;
}
