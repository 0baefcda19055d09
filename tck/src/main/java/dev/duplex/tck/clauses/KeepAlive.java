package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive (W3C 6 lets user agents send pings "to detect failed connections"): with an interval
 * set, pings go out; when the server stops answering, the connection fails.
 *
 * <p>When one fails, check that pings start after the interval and that a missing pong is
 * detected within the pong timeout and reported as {@code failed}.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface KeepAlive extends ClauseGroup {

  /** Verifies pings are sent at the interval and keep going while pongs come back. */
  @Test
  @Clause(value = "W3C 6 / RFC 6455 5.5.2 (keep-alive pings)", requires = Capability.KEEP_ALIVE,
      summary = "pings are sent at the configured interval")
  default void optional_keepAlive_sendsPings() {
    Opened o = openOnFixture(b -> b.keepAlive(Duration.ofMillis(200), Timeouts.WAIT));
    for (int i = 0; i < 3; i++) {
      ReceivedFrame ping = o.peer().readFrame();
      assertEquals(Frame.PING, ping.opcode(), "expected a keep-alive ping, got " + ping);
      o.peer().send(Frame.pong(ping.payload()));
    }
    o.client().sendText("alive");
    assertEquals("alive", o.peer().readFrame(Frame.TEXT).text());
  }

  /** Verifies a server that stops answering pings makes the connection fail. */
  @Test
  @Clause(value = "W3C 6 (detect failed connections)", requires = Capability.KEEP_ALIVE,
      summary = "no pong within the timeout fails the connection")
  default void optional_keepAlive_failsWhenPongsStop() {
    Opened o = openOnFixture(b -> b.keepAlive(Duration.ofMillis(200), Timeouts.POLICY));
    assertEquals(Frame.PING, o.peer().readFrame().opcode(), "expected a keep-alive ping");
    o.client().events().awaitFailed();
  }
}
