package dev.duplex.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.bench.Plan;
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
  void quickLatency_reportsThePeersDelayInMicroseconds() throws Exception {
    PacedEchoClient peer = new PacedEchoClient(1, 4);
    try (WsDriver driver = new WsDriver(Plan.quick(), NOWHERE, peer)) {
      Samples[] s = driver.latency(32);
      assertEquals(3, s.length);
      double p50 = s[0].median();
      // Each echo is sent from a tick, so its echo comes one 4 ms tick later: about 4,000 us.
      assertTrue(p50 >= 3_000 && p50 < 40_000, "p50 " + p50 + " us for a 4 ms tick");
      assertTrue(s[0].median() <= s[1].median() && s[1].median() <= s[2].median(),
          "percentiles must not decrease: p50 " + s[0].median() + ", p99 " + s[1].median()
              + ", p99.9 " + s[2].median());
    }
  }
}
