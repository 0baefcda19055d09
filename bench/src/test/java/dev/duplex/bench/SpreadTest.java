package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A count beyond one process's open-file limit is split evenly over the fewest processes. */
class SpreadTest {
  @Test
  void hundredThousandAtALimitOfTwentyThousandTakesSixProcessesOfAboutSixteenThousand() {
    int[] shares = Spread.shares(100_000, 20_000);
    assertArrayEquals(new int[] {16_667, 16_667, 16_667, 16_667, 16_666, 16_666}, shares);
    assertEquals(100_000, Arrays.stream(shares).sum());
    assertTrue(Arrays.stream(shares).allMatch(s -> s + Spread.RESERVE <= 20_000));
  }

  @Test
  void everyShareStaysWithinTheLimitAndTheSharesAddUpForAnyCount() {
    for (int total : new int[] {1, 18_999, 19_000, 19_001, 30_000, 99_999, 100_000, 250_001}) {
      int[] shares = Spread.shares(total, 20_000);
      assertEquals(total, Arrays.stream(shares).sum(), "total " + total);
      assertTrue(Arrays.stream(shares).allMatch(s -> s + Spread.RESERVE <= 20_000), "total " + total);
      int fewest = (total + 18_999) / 19_000;
      assertEquals(fewest, shares.length, "total " + total);
      assertTrue(Arrays.stream(shares).max().getAsInt() - Arrays.stream(shares).min().getAsInt() <= 1);
    }
    assertArrayEquals(new int[] {15_000, 15_000}, Spread.shares(30_000, 20_000));
  }

  @Test
  void aLimitThatLeavesNoRoomIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Spread.shares(10, Spread.RESERVE));
    assertThrows(IllegalArgumentException.class, () -> Spread.shares(0, 20_000));
  }

  @Test
  void oneProcessHoldsACountWithRoomToSpareOrWhenThereIsNoLimit() {
    assertTrue(Spread.fitsOneProcess(19_000, 20_000));
    assertTrue(Spread.fitsOneProcess(20_000 - Spread.SPARE, 20_000));
    assertFalse(Spread.fitsOneProcess(20_000 - Spread.SPARE + 1, 20_000));
    assertFalse(Spread.fitsOneProcess(100_000, 20_000));
    assertTrue(Spread.fitsOneProcess(100_000, Long.MAX_VALUE));
    assertTrue(Spread.fitsOneProcess(100_000, -1));
  }

  @Test
  void aWorkersHeapIsSizedFromTheMeasuredHeapPerConnection() {
    // JDK's client: about 61 KB per connection, 16,667 each: 1.5 x 970 MiB + 256 MiB = 1,710.
    assertEquals(1792, Spread.workerHeapMb(61_000, 16_667));
    // A light client never gets less than the floor.
    assertEquals(Spread.MIN_HEAP_MB, Spread.workerHeapMb(3_500, 16_667));
    assertEquals(Spread.UNKNOWN_HEAP_MB, Spread.workerHeapMb(Double.NaN, 16_667));
    assertEquals(0, Spread.workerHeapMb(200_000, 16_667) % 128);
  }
}
