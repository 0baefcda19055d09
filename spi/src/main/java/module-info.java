/**
 * The Duplex service-provider interface: the RFC 6455 transport contract and the policy hooks.
 *
 * <p>Depends on {@code java.base} only. A vendor implementing a transport needs nothing else
 * (and {@code duplex-tck} as a test dependency to certify it).
 */
module dev.duplex.spi {
  exports dev.duplex.spi;
}
