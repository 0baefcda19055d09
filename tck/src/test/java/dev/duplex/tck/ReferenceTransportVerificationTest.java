package dev.duplex.tck;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.reference.ReferenceTransportProvider;

/** The whole kit against the correct reference transport: it must run clean. */
class ReferenceTransportVerificationTest extends TransportVerification {
  @Override
  protected TransportProvider provider() {
    return new ReferenceTransportProvider();
  }
}
