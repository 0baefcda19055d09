package dev.duplex.tck.report;

/**
 * The verdict of one clause for one transport.
 *
 * <p>Threading: immutable.
 */
public enum Outcome {
  /** The clause's test passed. */
  PASS("pass"),
  /** The clause's test failed (or could not run because the provider failed to load). */
  FAIL("FAIL"),
  /** An optional capability the transport does not claim. */
  NOT_CLAIMED("not claimed"),
  /** A required capability the transport declares it cannot provide, with its reason. */
  KNOWN_DEVIATION("known deviation"),
  /** The clause does not apply to this transport for another stated reason (an assumption). */
  NOT_APPLICABLE("n/a");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /** @return the short label printed in tables */
  public String label() {
    return label;
  }
}
