package dev.duplex.tck.report;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.TransportVerification;

/**
 * The kit against the provider the {@link KitRunner} is currently certifying. Only the runner
 * selects this class.
 *
 * <p>Threading: {@link #target} is set by the runner before a run and read by JUnit's threads
 * during it.
 */
public final class CertificationTarget extends TransportVerification {
  static volatile TransportProvider target;

  /** Created by JUnit. */
  public CertificationTarget() {}

  @Override
  protected TransportProvider provider() {
    TransportProvider p = target;
    if (p == null) {
      throw new IllegalStateException("CertificationTarget runs only under the certification runner");
    }
    return p;
  }
}
