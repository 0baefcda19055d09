package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.duplex.tck.report.ClauseCatalog;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the kit's self-test complete: every required clause must be one that some fault is shown
 * to fail ({@link Breaks} on a test of {@link FaultInjectionTest} or {@link ApiFaultInjectionTest}),
 * and every such test must name a clause it breaks and name only clauses that exist.
 */
class SelfTestCoverageTest {
  private static final List<Class<?>> SELF_TESTS = List.of(FaultInjectionTest.class, ApiFaultInjectionTest.class);
  private static final String BASELINE = "_shouldFailNothing";

  @Test
  void everyRequiredClauseIsFailedBySomeFault() {
    Set<String> uncovered = clauses().stream().filter(c -> c.startsWith("required_"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertFalse(uncovered.isEmpty(), "reflection found no required clause");
    selfTests().map(m -> m.getAnnotation(Breaks.class)).filter(b -> b != null)
        .forEach(b -> uncovered.removeAll(Set.of(b.value())));
    assertEquals(Set.of(), uncovered, "required clauses that no fault is shown to fail");
  }

  @Test
  void everySelfTestIsNamedAfterAClauseItBreaks() {
    List<String> misnamed = new ArrayList<>();
    selfTests().filter(m -> !m.getName().endsWith(BASELINE)).forEach(m -> {
      Breaks breaks = m.getAnnotation(Breaks.class);
      String target = m.getName().replaceFirst(".*_shouldFailBy_", "");
      boolean named = breaks != null && Arrays.stream(breaks.value())
          .anyMatch(c -> c.equals("required_" + target) || c.equals("optional_" + target));
      if (!named) {
        misnamed.add(m.getName());
      }
    });
    assertEquals(List.of(), misnamed, "self-tests not named <fault>_shouldFailBy_<a clause their @Breaks lists>");
  }

  @Test
  void everyClauseASelfTestNamesExists() {
    Set<String> unknown = selfTests().map(m -> m.getAnnotation(Breaks.class)).filter(b -> b != null)
        .flatMap(b -> Stream.concat(Arrays.stream(b.value()), Arrays.stream(b.sometimes())))
        .filter(c -> !clauses().contains(c)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), unknown, "clauses named by @Breaks that the kit does not have");
  }

  private static Set<String> clauses() {
    return ClauseCatalog.entries().stream().map(e -> e.method().getName()).collect(Collectors.toSet());
  }

  private static Stream<Method> selfTests() {
    return SELF_TESTS.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .filter(m -> m.isAnnotationPresent(Test.class));
  }
}
