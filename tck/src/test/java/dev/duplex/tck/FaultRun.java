package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.duplex.tck.reference.Fault;
import dev.duplex.tck.report.ClauseCatalog;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the kit against the reference transport with one fault and reports which clauses fail.
 *
 * <p>The clauses run concurrently and some depend on timing (a close timeout, the garbage
 * collector), so {@link #confirmedFailures} runs a clause whose verdict differs from the
 * expectation once more on its own before believing it; the kit itself never retries.
 */
final class FaultRun {
  private FaultRun() {}

  /**
   * The clauses that fail with {@code fault}, where each clause whose verdict differs from
   * {@code expected} has been confirmed by a second, solitary run.
   *
   * @param fault the fault, or null for none
   * @param expected the clauses expected to fail
   * @return the clauses that fail
   */
  static Set<String> confirmedFailures(Fault fault, Set<String> expected) {
    Set<String> failed = failingClauses(fault, selectClass(FaultyReferenceVerification.class));
    Set<String> disputed = new TreeSet<>(failed);
    disputed.addAll(expected);
    disputed.removeIf(c -> failed.contains(c) == expected.contains(c));
    for (String clause : disputed) {
      ClauseCatalog.Entry entry = ClauseCatalog.entries().stream()
          .filter(e -> e.method().getName().equals(clause)).findFirst().orElseThrow();
      boolean failsAgain = !failingClauses(fault, selectMethod(FaultyReferenceVerification.class, entry.method())).isEmpty();
      if (failsAgain) {
        failed.add(clause);
      } else {
        failed.remove(clause);
      }
    }
    return failed;
  }

  /**
   * @param fault the fault, or null for none
   * @return the clauses that fail in one run of the whole kit
   */
  static Set<String> failingClauses(Fault fault) {
    return failingClauses(fault, selectClass(FaultyReferenceVerification.class));
  }

  private static Set<String> failingClauses(Fault fault, DiscoverySelector selector) {
    FaultyReferenceVerification.faults = fault == null ? EnumSet.noneOf(Fault.class) : EnumSet.of(fault);
    try {
      Events tests = EngineTestKit.engine("junit-jupiter")
          .selectors(selector)
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
      Set<String> aborted = new TreeSet<>();
      tests.aborted().stream().forEach(e -> e.getTestDescriptor().getSource()
          .filter(MethodSource.class::isInstance).map(src -> ((MethodSource) src).getMethodName())
          .ifPresent(aborted::add));
      // the reference transport claims every capability and does not offer client_max_window_bits
      aborted.remove("optional_rfc7692_7_1_2_2_honoursClientMaxWindowBitsWhenOffered");
      assertEquals(Set.of(), aborted, "the clauses aborted with " + fault);
      return failed;
    } finally {
      FaultyReferenceVerification.faults = EnumSet.noneOf(Fault.class);
    }
  }
}
