package dev.duplex.transport.jetty;

import dev.duplex.spi.Connection;
import dev.duplex.tck.client.BackpressureScenarios;
import org.junit.jupiter.api.Test;

/**
 * The reader waits while the {@link ListenerGate} holds more than {@link
 * CallbackSequencer.MAX_QUEUED_BYTES} of messages behind a callback blocked on a callback thread
 * ({@link BackpressureScenarios}), and stops waiting when the connection or the transport ends.
 *
 * <p>Threading: JUnit's thread.
 */
class JettyBackpressureTest {
  private static final long BOUND = CallbackSequencer.MAX_QUEUED_BYTES;

  /** The sequencer's gauges. */
  private static final BackpressureScenarios.Gauge GAUGE = new BackpressureScenarios.Gauge() {
    @Override
    public long queuedBytes(Connection c) {
      return ((JettyConnection) c).queuedBytes();
    }

    @Override
    public boolean readingPaused(Connection c) {
      return ((JettyConnection) c).isReadingPaused();
    }
  };

  @Test
  void backpressure_blockedCallbackBoundsTheQueueAndLosesNothing() throws Exception {
    BackpressureScenarios.blockedCallbackBoundsTheQueueAndLosesNothing(
        new JettyTransportProvider(), GAUGE, BOUND);
  }

  @Test
  void backpressure_closeWhileReadingIsPausedCompletes() throws Exception {
    BackpressureScenarios.closeWhileReadingIsPausedCompletes(new JettyTransportProvider(), GAUGE,
        BOUND);
  }

  @Test
  void backpressure_abortWhileReadingIsPausedEnds() throws Exception {
    BackpressureScenarios.abortWhileReadingIsPausedEnds(new JettyTransportProvider(), GAUGE,
        BOUND);
  }

  @Test
  void backpressure_transportCloseWhileReadingIsPausedEnds() throws Exception {
    BackpressureScenarios.transportCloseWhileReadingIsPausedEnds(new JettyTransportProvider(),
        GAUGE, BOUND);
  }
}
