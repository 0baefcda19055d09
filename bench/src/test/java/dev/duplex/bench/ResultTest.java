package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Results cross from the worker JVMs to the harness as lines, and rounds merge into one. */
class ResultTest {
  @Test
  void line_roundTripsEveryFieldIncludingMissingNumbers() {
    Result r = new Result("nio (api)", "duplex_api", "echo", "32 B x128", "msg/s", true, 1.5e6,
        1.2e6, 1.7e6, 5, 1.25, 0.75, "a note");
    assertEquals(r, Result.fromLine(r.toLine()));
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
    Result missing = Result.missing("c", "peer", "echo", "p", "u", true, "failed: x");
    Result half = Result.merge(List.of(a, missing));
    assertEquals(10, half.median());
    assertEquals("failed: x; 1 of 2 rounds failed", half.note());
  }
}
