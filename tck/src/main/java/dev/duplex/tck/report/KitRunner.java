package dev.duplex.tck.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.ClauseExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the whole kit against one provider through the JUnit Platform Launcher and turns the
 * executions into one {@link ClauseResult} per clause (a parameterised clause fails if any of its
 * cases fails).
 *
 * <p>The clauses run concurrently ({@code threads} at a time: each has its own servers on
 * ephemeral ports), and each is bounded by the kit's timeouts, so a transport that hangs or cannot
 * connect produces failures, not a stuck report.
 *
 * <p>Threading: one run at a time (the provider is handed to {@link CertificationTarget} through a
 * static field).
 */
public final class KitRunner {
  private final int threads;

  /** @param threads how many clauses to run at once */
  public KitRunner(int threads) {
    this.threads = threads;
  }

  /**
   * Certifies one provider.
   *
   * @param name the provider's name for the report
   * @param provider the provider
   * @return its results
   */
  public synchronized TransportResult run(String name, TransportProvider provider) {
    CertificationTarget.target = provider;
    try {
      Map<String, List<TestExecutionResult>> byTest = new ConcurrentHashMap<>();
      List<String> containerFailures = new ArrayList<>();
      Launcher launcher = LauncherFactory.create();
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(CertificationTarget.class))
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
          .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(threads))
          .build();
      launcher.execute(request, new TestExecutionListener() {
        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
          Optional<String> method = id.getSource().filter(MethodSource.class::isInstance)
              .map(s -> ((MethodSource) s).getMethodName());
          if (id.isTest() && method.isPresent()) {
            byTest.computeIfAbsent(method.get(), k -> new ArrayList<>()).add(result);
          } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            synchronized (containerFailures) {
              containerFailures.add(id.getDisplayName() + ": " + message(result));
            }
          }
        }
      });
      String notRun = containerFailures.isEmpty() ? "the clause did not run"
          : "the clause did not run: " + String.join("; ", containerFailures);
      List<ClauseResult> results = new ArrayList<>();
      for (ClauseCatalog.Entry e : ClauseCatalog.entries()) {
        results.add(verdict(e, byTest.getOrDefault(e.method().getName(), List.of()), notRun));
      }
      return new TransportResult(name, capabilities(provider), results);
    } finally {
      CertificationTarget.target = null;
    }
  }

  /**
   * The results of a provider that could not even be loaded: every clause fails with the reason.
   *
   * @param description what was being loaded
   * @param cause why it failed
   * @return the results
   */
  public static TransportResult unloadable(String description, Throwable cause) {
    List<ClauseResult> results = new ArrayList<>();
    for (ClauseCatalog.Entry e : ClauseCatalog.entries()) {
      results.add(new ClauseResult(e.method().getName(), e.clause().value(), e.summary(), e.required(), Outcome.FAIL,
          "the provider failed to load: " + cause));
    }
    return new TransportResult(description, "", results);
  }

  private static String capabilities(TransportProvider p) {
    try {
      String claimed = p.capabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
      String deviations = p.knownDeviations().entrySet().stream()
          .map(d -> d.getKey() + " (" + d.getValue() + ")").collect(Collectors.joining(", "));
      return deviations.isEmpty() ? claimed : claimed + "; deviations: " + deviations;
    } catch (RuntimeException e) {
      return "capabilities() failed: " + e;
    }
  }

  private static ClauseResult verdict(ClauseCatalog.Entry e, List<TestExecutionResult> runs, String notRun) {
    String test = e.method().getName();
    String clause = e.clause().value();
    boolean required = e.required();
    if (runs.isEmpty()) {
      return new ClauseResult(test, clause, e.summary(), required, Outcome.FAIL, notRun);
    }
    Optional<TestExecutionResult> failed = runs.stream()
        .filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED).findFirst();
    if (failed.isPresent()) {
      long count = runs.stream().filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED).count();
      String cases = runs.size() > 1 ? count + " of " + runs.size() + " cases failed; first: " : "";
      return new ClauseResult(test, clause, e.summary(), required, Outcome.FAIL, cases + message(failed.get()));
    }
    List<TestExecutionResult> aborted = runs.stream()
        .filter(r -> r.getStatus() == TestExecutionResult.Status.ABORTED).toList();
    if (aborted.size() < runs.size()) {
      return new ClauseResult(test, clause, e.summary(), required, Outcome.PASS,
          aborted.isEmpty() ? "" : aborted.size() + " of " + runs.size() + " cases n/a: " + message(aborted.get(0)));
    }
    String reason = message(aborted.get(0));
    if (reason.equals(ClauseExtension.NOT_CLAIMED)) {
      return new ClauseResult(test, clause, e.summary(), required, Outcome.NOT_CLAIMED, "");
    }
    if (reason.startsWith(ClauseExtension.KNOWN_DEVIATION)) {
      return new ClauseResult(test, clause, e.summary(), required, Outcome.KNOWN_DEVIATION,
          reason.substring(ClauseExtension.KNOWN_DEVIATION.length()));
    }
    return new ClauseResult(test, clause, e.summary(), required, Outcome.NOT_APPLICABLE, reason);
  }

  private static String message(TestExecutionResult r) {
    return r.getThrowable().map(t -> {
      String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
      m = m.replaceAll("\\s+", " ").trim();
      return m.length() > 400 ? m.substring(0, 400) + "..." : m;
    }).orElse("");
  }
}
