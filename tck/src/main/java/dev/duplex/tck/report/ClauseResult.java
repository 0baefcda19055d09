package dev.duplex.tck.report;

/**
 * One clause's result for one transport.
 *
 * <p>Threading: immutable.
 *
 * @param test the test method's name, e.g. {@code required_rfc6455_5_1_failsOnMaskedServerFrame}
 * @param clause the clause reference from {@link dev.duplex.tck.Clause#value()}
 * @param summary what the clause verifies
 * @param required whether every transport must pass it
 * @param outcome the verdict
 * @param detail the failure message, deviation reason or abort reason; empty for a pass
 */
public record ClauseResult(String test, String clause, String summary, boolean required, Outcome outcome, String detail) {

  /** @return whether this result makes certification fail */
  public boolean failsCertification() {
    return outcome == Outcome.FAIL && required;
  }
}
