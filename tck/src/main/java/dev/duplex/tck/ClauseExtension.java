package dev.duplex.tck;

import dev.duplex.spi.Capability;
import dev.duplex.spi.TransportProvider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Decides, before each test of a {@link TransportVerification}, whether its {@link Clause} applies
 * to the provider under test, and aborts it (never passes it) when it does not.
 *
 * <ul>
 *   <li>an optional capability that is not claimed: aborted, {@value #NOT_CLAIMED};
 *   <li>a required capability that is not claimed but declared in
 *       {@link TransportProvider#knownDeviations()}: aborted, {@value #KNOWN_DEVIATION} followed
 *       by the provider's reason;
 *   <li>otherwise the test runs (so a required capability that is neither claimed nor declared
 *       fails).
 * </ul>
 *
 * <p>A deviation declared for a capability the provider also claims is ignored: the claim wins and
 * the test runs.
 *
 * <p>Threading: stateless; JUnit calls it on the test's thread.
 */
public final class ClauseExtension implements BeforeEachCallback {

  /** The abort message of a test whose optional capability is not claimed. */
  public static final String NOT_CLAIMED = "not claimed";

  /** The prefix of the abort message of a test excused by a declared deviation. */
  public static final String KNOWN_DEVIATION = "known deviation: ";

  /** Creates the extension; JUnit does this through {@code @ExtendWith}. */
  public ClauseExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    Clause clause = method.map(m -> m.getAnnotation(Clause.class)).orElse(null);
    if (clause == null) {
      throw new IllegalStateException("Every TCK test must carry @Clause: " + context.getDisplayName());
    }
    Object instance = context.getRequiredTestInstance();
    if (!(instance instanceof TransportVerification verification)) {
      return;
    }
    verdict(clause, verification.providerUnderTest()).ifPresent(reason -> {
      throw new TestAbortedException(reason);
    });
  }

  /**
   * Why a clause does not apply to a provider.
   *
   * @param clause the clause
   * @param provider the provider under test
   * @return the abort reason, or empty if the test must run
   */
  public static Optional<String> verdict(Clause clause, TransportProvider provider) {
    Set<Capability> claimed = provider.capabilities();
    Map<Capability, String> deviations = provider.knownDeviations();
    for (Capability needed : clause.requires()) {
      if (claimed.contains(needed)) {
        continue;
      }
      if (!needed.required()) {
        return Optional.of(NOT_CLAIMED);
      }
      String reason = deviations.get(needed);
      if (reason != null) {
        return Optional.of(KNOWN_DEVIATION + reason);
      }
    }
    return Optional.empty();
  }
}
