package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ConnectRequest timeouts mapped onto OkHttp: handshake timeout (call and connect timeouts),
 * keep-alive (ping interval), and no read timeout on an open, idle socket.
 */
class TimeoutsTest extends FixtureTest {

  @Test
  void handshakeTimeout_failsAServerThatNeverAnswers() {
    Client client = harness.connect(server.uri("/"), b -> b.handshakeTimeout(Duration.ofMillis(400)));
    FixturePeer peer = server.accept();
    peer.readHandshake();
    long start = System.nanoTime();
    Throwable cause = client.events().awaitFailed();
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "failed within bounds");
    assertTrue(cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")
        || cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out"), cause.getMessage());
    peer.awaitEof();
  }

  @Test
  void handshakeTimeout_doesNotLimitTheOpenConnection() throws InterruptedException {
    Client client = harness.connect(server.uri("/"), b -> b.handshakeTimeout(Duration.ofMillis(200)));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();
    Thread.sleep(600); // idle for three handshake timeouts: the call timeout must be off by now
    peer.send(Frame.text("still here"));
    assertEquals("still here", client.events().awaitText());
    client.sendText("me too");
    assertEquals("me too", peer.readFrame(Frame.TEXT).text());
  }

  @Test
  void keepAlive_sendsPingsAtTheIntervalAndStaysOpenWhileAnswered() {
    Client client = harness.connect(server.uri("/"),
        b -> b.keepAlive(Duration.ofMillis(300), Duration.ofSeconds(5)));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();
    for (int i = 0; i < 3; i++) {
      ReceivedFrame ping = peer.readFrame(Frame.PING);
      assertTrue(ping.masked());
      peer.send(Frame.pong(ping.payload()));
    }
    peer.send(Frame.text("alive"));
    assertEquals("alive", client.events().awaitText());
  }

  @Test
  void keepAlive_pongSlowerThanTheIntervalFailsEvenWithinTheTimeout_okhttpsSingleKnob()
      throws InterruptedException {
    // Documented on the provider: OkHttp's pong deadline is its ping period.
    Client client = harness.connect(server.uri("/"),
        b -> b.keepAlive(Duration.ofMillis(200), Duration.ofSeconds(5)));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();
    ReceivedFrame ping = peer.readFrame(Frame.PING);
    Thread.sleep(600); // the pong comes three periods late, well within the 5 s timeout
    peer.send(Frame.pong(ping.payload()));
    assertTrue(client.events().awaitFailed().getMessage().contains("pong"));
  }

  @Test
  void keepAlive_missingPongFailsWithinThePongTimeout() {
    Client client = harness.connect(server.uri("/"),
        b -> b.keepAlive(Duration.ofSeconds(30), Duration.ofMillis(300)));
    FixturePeer peer = server.acceptOpen();
    client.events().awaitOpened();
    long start = System.nanoTime();
    peer.readFrame(Frame.PING); // not answered
    Throwable cause = client.events().awaitFailed();
    long elapsed = System.nanoTime() - start;
    assertTrue(elapsed < Duration.ofSeconds(3).toNanos(), "failed long before the 30 s interval");
    assertTrue(cause.getMessage().contains("pong"), cause.getMessage());
  }
}
