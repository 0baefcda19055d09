package dev.duplex.transport.okhttp;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.TransportVerification;

/** Runs the whole Duplex TCK against the OkHttp transport. */
class OkHttpTransportVerificationTest extends TransportVerification {
  @Override
  protected TransportProvider provider() {
    return new OkHttpTransportProvider();
  }
}
