package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Results cross from the worker JVMs to the harness as lines, and rounds merge into one. */
class ResultTest {
  @Test
  void line_roundTripsEveryFieldIncludingMissingNumbers() {
    Result r = new Result("nio (api)", "duplex_api", "echo", "32 B x128", "msg/s", true, 1.5e6,
        1.2e6, 1.7e6, 5, 1.25, 0.75, "a note");
    assertEquals(r, Result.fromLine(r.toLine()));
    Result paired = new Result("nio (api)", "duplex_api", "latency p50", "32 B", "us", false, 17.2,
        16.9, 18.0, 5, 0.5, 0.4,
        "raw TCP 16.0 us in the same turns (30 each), samples x1.03 to x1.07", 16.0, 1.075);
    assertEquals(paired, Result.fromLine(paired.toLine()));
    Result m = Result.missing("jdk", "peer", "setup", "", "conn/s", true, "failed: because");
    Result back = Result.fromLine(m.toLine());
    assertFalse(back.present());
    assertEquals("failed: because", back.note());
    assertNull(Result.fromLine("  progress line"));
  }

  @Test
  void merge_takesTheMedianOfRoundMediansAndTheExtremes() {
    Result a = new Result("c", "peer", "echo", "p", "u", true, 10, 8, 12, 5, 1, 1, "");
    Result b = new Result("c", "peer", "echo", "p", "u", true, 20, 18, 30, 5, 1, 1, "");
    Result c = new Result("c", "peer", "echo", "p", "u", true, 14, 5, 15, 5, 1, 1, "");
    Result m = Result.merge(List.of(a, b, c));
    assertEquals(14, m.median());
    assertEquals(5, m.min());
    assertEquals(30, m.max());
    assertEquals(15, m.samples());
    assertTrue(Double.isNaN(m.ratioToRawInterleaved()), "no reference in any round");
    Result missing = Result.missing("c", "peer", "echo", "p", "u", true, "failed: x");
    Result half = Result.merge(List.of(a, missing));
    assertEquals(10, half.median());
    assertEquals("failed: x; 1 of 2 rounds failed", half.note());
  }

  @Test
  void merge_takesTheMedianOfTheRoundsRatiosToRawInterleavedEachPairedInItsRound() {
    // A fast round (16 us beside raw 15) and a slow one (63 beside raw 60): the ratio of the
    // merged medians would say 1.047; each round's own pairing says 1.067 and 1.05.
    Result fast = new Result("c", "peer", "latency p50", "32 B", "us", false, 16, 16, 16, 5, 1, 1,
        "", 15, 16.0 / 15);
    Result slow = new Result("c", "peer", "latency p50", "32 B", "us", false, 63, 63, 63, 5, 1, 1,
        "", 60, 1.05);
    Result m = Result.merge(List.of(fast, slow));
    assertEquals(39.5, m.median());
    assertEquals(37.5, m.rawInterleaved());
    assertEquals((16.0 / 15 + 1.05) / 2, m.ratioToRawInterleaved(), 1e-9);
  }
}
