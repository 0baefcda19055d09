package dev.duplex.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.bench.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 100,000-connection target passes only on connections counted open at the same time. */
class TargetsTest {
  private static final String SPREAD = "spread over 6 client processes (16,667 or 16,666"
      + " connections each) and 6 echo-server processes because the open-file limit is 20,000 per"
      + " process";

  private static Result figure(String scenario, String unit, double v, String note) {
    return new Result(Targets.SUBJECT, "duplex_api", scenario, "100,000 conns", unit,
        unit.equals("conns"), v, v, v, 3, Double.NaN, Double.NaN, note);
  }

  private static Result missing(String scenario, String unit, String why) {
    return Result.missing(Targets.SUBJECT, "duplex_api", scenario, "100,000 conns", unit,
        unit.equals("conns"), why);
  }

  private static String line(Result... results) {
    Report report = new Report("full", Map.of(), new ArrayList<>(Arrays.asList(results)), List.of());
    return Targets.check(report).stream().filter(l -> l.contains("100,000 concurrent"))
        .findFirst().orElseThrow();
  }

  @Test
  void passesWhenAHundredThousandWereHeldAtOnceAndSaysHowTheyWereSpread() {
    assertEquals("PASS  100,000 concurrent connections: 100,000 held at once, 1500 B/conn (" + SPREAD
        + ")", line(figure("held at once", "conns", 100_000, SPREAD),
            figure("idle heap", "B/conn", 1500, SPREAD)));
  }

  @Test
  void failsWhenOneConnectionFewerWasHeldAtOnce() {
    assertEquals("FAIL  100,000 concurrent connections: 99,999 held at once (" + SPREAD + ")",
        line(figure("held at once", "conns", 99_999, SPREAD)));
  }

  @Test
  void failsWithTheReasonWhenTheScenarioFailedAndIsNotMeasuredWhenItWasNotAttempted() {
    assertEquals("FAIL  100,000 concurrent connections: failed: worker 3 of 6 ended before it held"
        + " its connections", line(missing("held at once", "conns", "failed: worker 3 of 6 ended"
            + " before it held its connections")));
    assertEquals("NOT MEASURED  100,000 concurrent connections: not measured: too many threads",
        line(missing("held at once", "conns", "not measured: too many threads")));
    assertEquals("NOT MEASURED  100,000 concurrent connections: not part of this mode (full mode"
        + " measures it)", line(new Result(Targets.SUBJECT, "duplex_api", "idle heap",
            "1,000 conns", "B/conn", false, 1500, 1500, 1500, 3, Double.NaN, Double.NaN, "")));
  }

  @Test
  void passesWhenOneProcessCouldHoldThemAll() {
    assertEquals("PASS  100,000 concurrent connections: held open at once by one process (1500"
        + " B/conn)", line(figure("idle heap", "B/conn", 1500, "")));
  }
}
