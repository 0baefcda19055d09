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
          // the clauses are independent (own servers, ephemeral ports), so one run uses many threads
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
          .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
          .execute().testEvents();
      Set<String> failed = new TreeSet<>();
      tests.failed().stream().forEach(e -> e.getTestDescriptor().getSource()
          .filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
          .ifPresent(failed::add));
      tests.aborted().stream().forEach(e -> assertEquals(ClauseExtension.NOT_CLAIMED,
          e.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable())
              .map(Throwable::getMessage).orElse(""),
          "only clauses of capabilities the reference transport does not claim may be aborted: " + e));
      return failed;
    } finally {
      FaultyReferenceVerification.faults = EnumSet.noneOf(Fault.class);
    }
  }
}
