package dev.duplex.tck.report;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.TransportVerification;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every clause of the kit, found by reflection on the groups {@link TransportVerification}
 * implements, in the order of those groups and, within one, by test name.
 *
 * <p>Threading: stateless.
 */
public final class ClauseCatalog {
  private ClauseCatalog() {}

  /**
   * One clause of the catalogue.
   *
   * @param method the test method
   * @param clause its annotation
   */
  public record Entry(Method method, Clause clause) {
    /** @return whether every transport must pass it (it needs no optional capability) */
    public boolean required() {
      return Arrays.stream(clause.requires()).allMatch(Capability::required);
    }

    /** @return the summary, or the test's name if none */
    public String summary() {
      return clause.summary().isEmpty() ? method.getName() : clause.summary();
    }
  }

  /** @return every clause, in report order */
  public static List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Class<?> group : TransportVerification.class.getInterfaces()) {
      Arrays.stream(group.getDeclaredMethods())
          .filter(m -> m.isAnnotationPresent(Clause.class))
          .sorted(Comparator.comparing(Method::getName))
          .forEach(m -> out.add(new Entry(m, m.getAnnotation(Clause.class))));
    }
    return out;
  }
}
