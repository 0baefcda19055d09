package dev.duplex.tck;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.reference.Fault;
import dev.duplex.tck.reference.ReferenceTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit against the reference transport with the faults in {@link #faults} switched on, through
 * the api with {@link #apiFault} (if any). Not run by Surefire (excluded by name):
 * {@link FaultInjectionTest} and {@link ApiFaultInjectionTest} run it through the JUnit Platform
 * test kit, one fault at a time.
 *
 * <p>Threading: {@link #faults} and {@link #apiFault} are written by the launching test before a
 * run and read by JUnit's threads during it; runs never overlap.
 */
public class FaultyReferenceVerification extends TransportVerification {
  /** The transport faults of the next run; set by the test that launches it. */
  static volatile Set<Fault> faults = EnumSet.noneOf(Fault.class);
  /** The api fault of the next run, or null for the api as it is; set by the test that launches it. */
  static volatile ApiFault apiFault;

  @Override
  protected TransportProvider provider() {
    return new ReferenceTransportProvider(faults);
  }

  @Override
  ApiSeam api() {
    ApiFault fault = apiFault;
    return fault == null ? ApiSeam.DIRECT : new FaultyApi(fault);
  }
}
