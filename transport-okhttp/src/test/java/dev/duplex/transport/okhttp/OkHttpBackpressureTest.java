package dev.duplex.transport.okhttp;

import dev.duplex.spi.Connection;
import dev.duplex.tck.client.BackpressureScenarios;
import org.junit.jupiter.api.Test;

/**
 * The reader waits while the {@link ListenerGate} holds more than {@link
 * ListenerGate#MAX_QUEUED_BYTES} of messages behind a callback blocked on a callback thread
 * ({@link BackpressureScenarios}), and stops waiting when the connection or the transport ends.
 *
 * <p>Threading: JUnit's thread.
 */
class OkHttpBackpressureTest {
  private static final long BOUND = ListenerGate.MAX_QUEUED_BYTES;

  /** The gate's gauges. */
  private static final BackpressureScenarios.Gauge GAUGE = new BackpressureScenarios.Gauge() {
    @Override
    public long queuedBytes(Connection c) {
      return ((OkHttpConnection) c).gate().queuedBytes();
    }

    @Override
    public boolean readingPaused(Connection c) {
      return ((OkHttpConnection) c).gate().isReaderWaiting();
    }
  };

  @Test
  void backpressure_blockedCallbackBoundsTheQueueAndLosesNothing() throws Exception {
    BackpressureScenarios.blockedCallbackBoundsTheQueueAndLosesNothing(
        new OkHttpTransportProvider(), GAUGE, BOUND);
  }

  @Test
  void backpressure_closeWhileTheReaderWaitsCompletes() throws Exception {
    BackpressureScenarios.closeWhileReadingIsPausedCompletes(new OkHttpTransportProvider(), GAUGE,
        BOUND);
  }

  @Test
  void backpressure_abortWhileTheReaderWaitsEnds() throws Exception {
    BackpressureScenarios.abortWhileReadingIsPausedEnds(new OkHttpTransportProvider(), GAUGE,
        BOUND);
  }

  @Test
  void backpressure_transportCloseWhileTheReaderWaitsEnds() throws Exception {
    BackpressureScenarios.transportCloseWhileReadingIsPausedEnds(new OkHttpTransportProvider(),
        GAUGE, BOUND);
  }
}
