package dev.duplex.transport.jetty;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.TransportVerification;

/** Runs the whole Duplex TCK against the Jetty transport. Threading: JUnit's test thread. */
class JettyTransportVerificationTest extends TransportVerification {
  @Override
  protected TransportProvider provider() {
    return new JettyTransportProvider();
  }
}
