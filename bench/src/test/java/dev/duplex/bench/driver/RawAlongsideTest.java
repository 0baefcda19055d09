package dev.duplex.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A row's latency is set beside the raw TCP measured right before and after it. */
class RawAlongsideTest {
  private static Samples us(double... values) {
    return new Samples(values, Double.NaN, Double.NaN);
  }

  @Test
  void theReferenceIsTheMedianOfEveryRawSampleBeforeAndAfter() {
    RawAlongside raw = new RawAlongside(us(15, 16, 17), us(16.5, 18, 14));
    assertTrue(raw.steady());
    assertEquals(16.25, raw.reference(), 1e-9, "median of 14, 15, 16, 16.5, 17, 18");
    assertEquals(17.875 / 16.25, raw.ratio(us(17, 17.875, 30)), 1e-9);
    assertEquals("raw TCP alongside 16.3 us (16.0 before, 16.5 after)", raw.note("us"));
  }

  @Test
  void aRowIsJudgedOnItsOwnReferenceWhateverModeItMet() {
    // The same client 5% over raw TCP in the fast mode and in the slow one: the same ratio.
    double fast = new RawAlongside(us(16, 16, 16), us(16, 16, 16)).ratio(us(16.8, 16.8, 16.8));
    double slow = new RawAlongside(us(60, 60, 60), us(60, 60, 60)).ratio(us(63, 63, 63));
    assertEquals(1.05, fast, 1e-9);
    assertEquals(1.05, slow, 1e-9);
  }

  @Test
  void whenTheMachineChangedModeDuringTheRowTheFasterSideIsTheReferenceAndTheNoteSaysSo() {
    RawAlongside raw = new RawAlongside(us(15, 15, 16), us(58, 60, 61));
    assertFalse(raw.steady());
    assertEquals(15, raw.reference(), 1e-9);
    assertEquals(4.0, raw.ratio(us(60, 60, 60)), 1e-9, "never flattered by a slowed reference");
    assertTrue(raw.note("us").startsWith("raw TCP alongside 15.0 us (15.0 before, 60.0 after);"
        + " unsteady"), raw.note("us"));
    assertTrue(new RawAlongside(us(10), us(15)).steady(), "1.5x apart is still steady");
    assertFalse(new RawAlongside(us(10), us(15.1)).steady());
  }

  @Test
  void oneSideAloneStillServesAndNoSideGivesNoRatio() {
    assertEquals(20, new RawAlongside(null, us(19, 20, 21)).reference(), 1e-9);
    assertEquals("raw TCP alongside 20.0 us (after only)",
        new RawAlongside(null, us(19, 20, 21)).note("us"));
    assertEquals("raw TCP alongside 20.0 us (before only)",
        new RawAlongside(us(20), null).note("us"));
    RawAlongside none = new RawAlongside(null, null);
    assertFalse(none.present());
    assertTrue(Double.isNaN(none.reference()));
    assertTrue(Double.isNaN(none.ratio(us(20))));
    assertEquals("no raw TCP measured alongside", none.note("us"));
  }
}
