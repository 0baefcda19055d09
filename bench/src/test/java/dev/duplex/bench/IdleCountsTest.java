package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Idle connections are measured up to what the open-file limit holds, and no further. */
class IdleCountsTest {
  @Test
  void aLimitBelowAPlannedCountAddsTheLargestCountThatFits() {
    assertEquals(List.of(1000, 10_000, 19_000, 100_000),
        Runner.idleCounts(List.of(1000, 10_000, 100_000), 20_000));
  }

  @Test
  void aLimitThatHoldsEveryCountAddsNothing() {
    assertEquals(List.of(1000, 10_000, 100_000),
        Runner.idleCounts(List.of(1000, 10_000, 100_000), 1_048_576));
    assertEquals(List.of(1000), Runner.idleCounts(List.of(1000), Long.MAX_VALUE));
  }

  @Test
  void aLimitBelowTheSmallestCountStillMeasuresWhatFits() {
    assertEquals(List.of(3000, 10_000), Runner.idleCounts(List.of(10_000), 4096));
  }
}
