package dev.duplex.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.bench.Plan;
import dev.duplex.bench.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load driver, in quick mode, against a trivial in-memory peer of known speed. */
class WsDriverTest {
  private static final Target NOWHERE = new Target(1, 1, 2, 3, -1);

  @Test
  void quickEcho_measuresAPeerThatEchoesExactly5000MessagesPerSecond() throws Exception {
    PacedEchoClient peer = new PacedEchoClient(50, 10);
    try (WsDriver driver = new WsDriver(Plan.quick(), NOWHERE, peer)) {
      Samples s = driver.echo(32, 128);
      assertEquals(Plan.quick().samples(), s.values().length);
      double median = s.median();
      assertTrue(Math.abs(median - peer.rate()) < peer.rate() * 0.2,
          "measured " + median + " msg/s from a peer that echoes " + peer.rate() + " msg/s");
      assertTrue(s.min() <= median && median <= s.max());
    }
  }

  @Test
  void quickEcho_isBoundedByMessagesInFlightWhenThePeerIsFaster() throws Exception {
    // One message in flight, one echo per 5 ms tick at most: about 200 msg/s, never more.
    PacedEchoClient peer = new PacedEchoClient(1000, 5);
    try (WsDriver driver = new WsDriver(Plan.quick(), NOWHERE, peer)) {
      double median = driver.echo(32, 1).median();
      assertTrue(median <= 210 && median > 100, "measured " + median + " msg/s");
    }
  }

  @Test
  void quickEcho_failsWithTheReasonWhenThePeerClosesTheConnection() {
    PacedEchoClient peer = new PacedEchoClient(50, 10, 20);
    try (WsDriver driver = new WsDriver(Plan.quick(), NOWHERE, peer)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> driver.echo(32, 128));
      assertTrue(e.getMessage().contains("ended during the scenario: closed by the test peer"),
          e.getMessage());
    }
  }

  @Test
  void quickLatency_reportsThePeersDelayAndItsRatioToAReferenceInTheSameTurns() throws Exception {
    // Each message sent from a tick is echoed at the next: a round trip is one tick, 4 ms for
    // the row and 2 ms for the reference lane, so the row is x2 of its reference.
    PacedEchoClient peer = new PacedEchoClient(1, 4);
    try (WsDriver driver = new WsDriver(Plan.quick(), NOWHERE, peer);
        WsDriver reference = new WsDriver(Plan.quick(), NOWHERE, new PacedEchoClient(1, 2))) {
      List<Result> r = driver.latency(32, echoes -> reference.lane(32, 1, echoes));
      assertEquals(List.of("latency p50", "latency p99", "latency p99.9"),
          r.stream().map(Result::scenario).toList());
      Result p50 = r.get(0);
      assertTrue(p50.present(), p50.toString());
      assertEquals(Plan.quick().samples(), p50.samples());
      assertTrue(p50.median() >= 3_000 && p50.median() < 6_000, "p50 " + p50.median() + " us");
      assertTrue(p50.rawInterleaved() >= 1_500 && p50.rawInterleaved() < 3_000,
          "reference p50 " + p50.rawInterleaved() + " us");
      assertEquals(2.0, p50.ratioToRawInterleaved(), 0.3, p50.toString());
      assertTrue(p50.note().matches("raw TCP \\S+ us in the same turns \\(\\d+ each\\), samples"
          + " x\\S+ to x\\S+"), p50.note());
      assertTrue(r.get(0).median() <= r.get(1).median() && r.get(1).median() <= r.get(2).median(),
          "percentiles must not decrease: " + r);
    }
  }

  @Test
  void quickLatency_failsWithTheReasonWhenTheRowsConnectionCloses() throws Exception {
    PacedEchoClient closing = new PacedEchoClient(1, 2, 20);
    try (WsDriver driver = new WsDriver(Plan.quick(), NOWHERE, closing);
        WsDriver reference = new WsDriver(Plan.quick(), NOWHERE, new PacedEchoClient(1, 2))) {
      List<Result> r = driver.latency(32, echoes -> reference.lane(32, 1, echoes));
      assertEquals(3, r.size());
      for (Result missing : r) {
        assertFalse(missing.present(), missing.toString());
        assertEquals("failed: IllegalStateException: the row's connection ended during the"
            + " scenario: closed by the test peer", missing.note());
      }
    }
  }
}
