package dev.duplex.tck.report;

import java.util.List;

/**
 * The results of the whole kit for one transport.
 *
 * <p>Threading: immutable.
 *
 * @param name the provider's name (or a description of a provider that failed to load)
 * @param capabilities the capabilities it claims, as a readable list
 * @param results one result per clause, in catalogue order
 */
public record TransportResult(String name, String capabilities, List<ClauseResult> results) {

  /**
   * Copies the list.
   *
   * @param name see the record component
   * @param capabilities see the record component
   * @param results see the record component
   */
  public TransportResult {
    results = List.copyOf(results);
  }

  /**
   * @param outcome a verdict
   * @return how many clauses got it
   */
  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** @return whether no required clause failed */
  public boolean certified() {
    return results.stream().noneMatch(ClauseResult::failsCertification);
  }
}
