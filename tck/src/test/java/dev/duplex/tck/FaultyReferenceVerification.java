package dev.duplex.tck;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.reference.Fault;
import dev.duplex.tck.reference.ReferenceTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit against the reference transport with the faults in {@link #faults} switched on. Not run
 * by Surefire (excluded by name): {@link FaultInjectionTest} runs it through the JUnit Platform
 * test kit, one fault at a time.
 *
 * <p>Threading: {@link #faults} is written by the launching test before a run and read by JUnit's
 * threads during it; runs never overlap.
 */
public class FaultyReferenceVerification extends TransportVerification {
  /** The faults of the next run; set by the test that launches it. */
  static volatile Set<Fault> faults = EnumSet.noneOf(Fault.class);

  @Override
  protected TransportProvider provider() {
    return new ReferenceTransportProvider(faults);
  }
}
