package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.duplex.tck.reference.Fault;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs the kit against the reference transport with one fault and reports which tests fail. */
final class FaultRun {
  private FaultRun() {}

  /**
   * @param fault the fault to switch on, or null for none
   * @return the names of the test methods that failed (each parameterised method once)
   */
  static Set<String> failingClauses(Fault fault) {
    FaultyReferenceVerification.faults = fault == null ? EnumSet.noneOf(Fault.class) : EnumSet.of(fault);
    try {
      Events tests = EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(FaultyReferenceVerification.class))
          .execute().testEvents();
      Set<String> failed = new TreeSet<>();
      tests.failed().stream().forEach(e -> e.getTestDescriptor().getSource()
          .filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
          .ifPresent(failed::add));
      assertEquals(0, tests.aborted().count(), "the reference transport claims everything it is tested for");
      return failed;
    } finally {
      FaultyReferenceVerification.faults = EnumSet.noneOf(Fault.class);
    }
  }
}
