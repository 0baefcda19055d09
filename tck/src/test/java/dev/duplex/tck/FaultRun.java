package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.duplex.tck.reference.Fault;
import dev.duplex.tck.report.ClauseCatalog;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.TestInfo;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the kit against the reference transport with one fault, of the transport or of the api,
 * and reports which clauses fail.
 *
 * <p>The clauses run concurrently and some depend on timing (a close timeout, the garbage
 * collector), so {@link #confirmedFailures} runs a clause whose verdict differs from the
 * expectation once more on its own before believing it; the kit itself never retries.
 *
 * <p>Threading: one run at a time, from the test's thread.
 */
final class FaultRun {
  private FaultRun() {}

  /**
   * Asserts that the kit over the reference transport with {@code fault} fails exactly the
   * clauses the running test's {@link Breaks} names.
   *
   * @param fault the transport's fault
   * @param test the running self-test, annotated with {@link Breaks}
   */
  static void assertBreaks(Fault fault, TestInfo test) {
    assertBreaks(fault.name(), () -> FaultyReferenceVerification.faults = EnumSet.of(fault), test);
  }

  /**
   * Asserts that the kit over the correct reference transport and the api with {@code fault}
   * fails exactly the clauses the running test's {@link Breaks} names.
   *
   * @param fault the api's fault
   * @param test the running self-test, annotated with {@link Breaks}
   */
  static void assertBreaks(ApiFault fault, TestInfo test) {
    assertBreaks(fault.name(), () -> FaultyReferenceVerification.apiFault = fault, test);
  }

  private static void assertBreaks(String fault, Runnable switchOn, TestInfo test) {
    Method self = test.getTestMethod().orElseThrow();
    Breaks breaks = self.getAnnotation(Breaks.class);
    if (breaks == null) {
      throw new IllegalStateException(self.getName() + " must say with @Breaks which clauses " + fault + " fails");
    }
    Set<String> expected = new TreeSet<>(Set.of(breaks.value()));
    Set<String> failed = confirmedFailures(switchOn, expected, Set.of(breaks.sometimes()));
    failed.removeAll(Set.of(breaks.sometimes()));
    assertEquals(expected, failed, "the clauses failed by the reference transport and api with " + fault);
  }

  /** @return the clauses that fail with no fault at all, each confirmed by a solitary run */
  static Set<String> failuresWithoutFault() {
    return confirmedFailures(() -> { }, Set.of(), Set.of());
  }

  /**
   * The clauses that fail with the fault {@code switchOn} sets, where each clause whose verdict
   * differs from {@code expected} (and is not in {@code sometimes}) has been confirmed by a
   * second, solitary run.
   */
  private static Set<String> confirmedFailures(Runnable switchOn, Set<String> expected, Set<String> sometimes) {
    Set<String> failed = failingClauses(switchOn, selectClass(FaultyReferenceVerification.class));
    Set<String> disputed = new TreeSet<>(failed);
    disputed.addAll(expected);
    disputed.removeIf(c -> failed.contains(c) == expected.contains(c) || sometimes.contains(c));
    for (String clause : disputed) {
      ClauseCatalog.Entry entry = ClauseCatalog.entries().stream()
          .filter(e -> e.method().getName().equals(clause)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("No clause is named " + clause));
      boolean failsAgain = !failingClauses(switchOn, selectMethod(FaultyReferenceVerification.class, entry.method())).isEmpty();
      if (failsAgain) {
        failed.add(clause);
      } else {
        failed.remove(clause);
      }
    }
    return failed;
  }

  private static Set<String> failingClauses(Runnable switchOn, DiscoverySelector selector) {
    switchOn.run();
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
      assertEquals(Set.of(), aborted, "the clauses aborted");
      return failed;
    } finally {
      FaultyReferenceVerification.faults = EnumSet.noneOf(Fault.class);
      FaultyReferenceVerification.apiFault = null;
    }
  }
}
