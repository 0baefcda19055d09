package dev.duplex.transport.nio;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.TransportVerification;

/** Runs the whole Duplex TCK against the NIO transport. */
class NioTransportVerificationTest extends TransportVerification {
  @Override
  protected TransportProvider provider() {
    return new NioTransportProvider();
  }
}
