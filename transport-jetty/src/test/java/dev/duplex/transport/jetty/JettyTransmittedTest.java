package dev.duplex.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.fixture.JettyServer;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The spi's {@code transmitted} reports for large binary messages with several in flight, over
 * loopback against Jetty's echo server: the engine's buffer limit is counted from them, so they
 * must add up to what was sent and arrive while the message is in flight, not after its echo.
 * Threading: JUnit's test thread sends; Jetty's threads report.
 */
@ExtendWith(NoJettyWarnings.class)
class JettyTransmittedTest {
  private static final int SIZE = 1 << 20;
  private static final int MESSAGES = 300;
  private static final int WINDOW = 8;

  /** Counts what the transport reports; echoes are handed to the sending thread. */
  private static final class Counting implements ConnectionListener {
    final CountDownLatch opened = new CountDownLatch(1);
    final AtomicLong transmitted = new AtomicLong();
    final BlockingQueue<Object> echoes = new LinkedBlockingQueue<>();

    @Override public void opened(Handshake handshake) { opened.countDown(); }
    @Override public void text(String text) { echoes.add(text); }
    final AtomicLong echoed = new AtomicLong();
    /** The most bytes echoed before they were reported as transmitted. */
    final AtomicLong worstLate = new AtomicLong();

    @Override public void binary(ByteBuffer data) {
      // A message's echo cannot arrive before the message was written.
      long late = echoed.addAndGet(data.remaining()) - transmitted.get();
      worstLate.accumulateAndGet(late, Math::max);
      echoes.add(data.remaining());
    }
    @Override public void closing(int code, String reason) { echoes.add("closing " + code); }
    @Override public void closed(int code, String reason, boolean wasClean) {
      echoes.add("closed " + code);
    }
    @Override public void failed(Throwable cause) { echoes.add(cause); }
    @Override public void transmitted(long bytes) { transmitted.addAndGet(bytes); }
  }

  @Test
  void spi_transmitted_countsLargeBinaryMessagesWhileTheyAreInFlight() throws Exception {
    try (JettyServer server = JettyServer.start();
        Transport t = new JettyTransportProvider().create(TransportConfig.defaults())) {
      Counting listener = new Counting();
      Connection c = t.connect(ConnectRequest.builder(server.uri("/echo"))
          .maxMessageSize(4L * SIZE).build(), listener);
      assertTrue(listener.opened.await(10, TimeUnit.SECONDS), "not opened");
      ByteBuffer payload = ByteBuffer.allocate(SIZE);
      long sent = 0;
      int received = 0;
      for (int i = 0; i < WINDOW; i++) {
        c.sendBinary(payload.duplicate());
        sent += SIZE;
      }
      int next = WINDOW;
      while (received < MESSAGES) {
        Object echo = listener.echoes.poll(30, TimeUnit.SECONDS);
        assertNotNull(echo, "no echo after " + received + " messages");
        assertEquals(SIZE, echo, "echo " + received);
        received++;
        if (next < MESSAGES) {
          // At most the window is in flight: the echo just read left it, the next is not sent.
          long pending = sent - listener.transmitted.get();
          assertTrue(pending <= (long) WINDOW * SIZE, pending + " bytes not reported as "
              + "transmitted after " + received + " echoes, with " + WINDOW + " messages of "
              + SIZE + " bytes in flight");
          c.sendBinary(payload.duplicate());
          sent += SIZE;
          next++;
        }
      }
      // The last report may trail the last echo by a moment (see below).
      assertEquals(sent, Recorder.awaitValue(listener.transmitted, sent),
          "transmitted after every echo arrived");
      // Jetty notifies a write after the socket took it, so an echo may overtake the report of
      // its message by a moment, but never by more than what is in flight.
      assertTrue(listener.worstLate.get() <= (long) WINDOW * SIZE,
          listener.worstLate.get() + " bytes echoed before reported as transmitted");
      c.close(1000, "done");
    }
  }
}
