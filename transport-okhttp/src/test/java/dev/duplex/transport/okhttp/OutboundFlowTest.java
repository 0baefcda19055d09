package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.JettyServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OkHttp's 16 MiB send-queue cap never surprises the engine: the adapter holds what OkHttp will
 * not take, nothing is refused or dropped, and {@code transmitted} adds up to exactly what was
 * sent. Against a real Jetty server.
 */
class OutboundFlowTest {
  private static final int MIB = 1 << 20;

  /** Reads slowly: each binary message costs the reader some time, so the client's queue fills. */
  public static final class SlowReader implements Session.Listener.AutoDemanding {
    static final List<Integer> received = new CopyOnWriteArrayList<>();
    static final List<Integer> sizes = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch closed = new CountDownLatch(1);
    static volatile int closeCode;

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      sizes.add(payload.remaining());
      received.add(payload.getInt(payload.position()));
      try {
        Thread.sleep(15); // a slow consumer: this is the behaviour under test, not a wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      callback.succeed();
    }

    @Override
    public void onWebSocketClose(int code, String reason, Callback callback) {
      closeCode = code;
      closed.countDown();
      callback.succeed();
    }
  }

  private final JettyServer jetty =
      JettyServer.builder().endpoint("/slow", SlowReader::new).start();
  private final Harness harness = new Harness();

  @AfterEach
  void close() {
    harness.close();
    jetty.close();
  }

  @Test
  void okhttpQueueCap_streamLargerThan16MiBToSlowReader_arrivesWholeInOrderThenCloses()
      throws InterruptedException {
    SlowReader.received.clear();
    SlowReader.sizes.clear();
    SlowReader.closed = new CountDownLatch(1);
    Client client = harness.connect(jetty.uri("/slow"));
    client.events().awaitOpened();

    int messages = 48; // 48 MiB: three times OkHttp's cap
    for (int i = 0; i < messages; i++) {
      ByteBuffer m = ByteBuffer.allocate(MIB);
      m.putInt(0, i);
      client.connection().sendBinary(m);
    }
    long sent = (long) messages * MIB;
    // All of it was accepted at once, far past OkHttp's cap, without OkHttp closing with 1001.
    assertTrue(sent - client.events().transmittedBytes() > 16L * MIB,
        "more than 16 MiB outstanding right after sending");
    client.close(1000, "done");

    assertTrue(SlowReader.closed.await(30, TimeUnit.SECONDS), "the server got the Close");
    assertEquals(1000, SlowReader.closeCode);
    assertEquals(messages, SlowReader.received.size(), "every message arrived before the Close");
    for (int i = 0; i < messages; i++) {
      assertEquals(i, SlowReader.received.get(i), "in order");
      assertEquals(MIB, SlowReader.sizes.get(i));
    }
    TransportEvent terminal = client.events().awaitTerminal();
    assertEquals(Kind.CLOSED, terminal.kind(), client.events().history().toString());
    assertTrue(terminal.wasClean());
    assertEquals(sent, client.events().transmittedBytes(), "transmitted adds up exactly");
  }

  @Test
  void spi_transmitted_countsUtf8BytesOfText() throws InterruptedException {
    Client client = harness.connect(jetty.uri("/echo"));
    client.events().awaitOpened();
    String text = "h\u00e9llo \u20ac \uD83D\uDE00"; // 1+2+3+1+1+3+1+4 bytes and spaces
    client.sendText(text);
    assertEquals(text, client.events().awaitText());
    long expected = text.getBytes(StandardCharsets.UTF_8).length;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (client.events().transmittedBytes() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5); // transmitted is polled by the transport; wait for its next report
    }
    assertEquals(expected, client.events().transmittedBytes());
  }

  @Test
  void okhttpQueueCap_aSingleMessageOver16MiBFailsWithACause() {
    Client client = harness.connect(jetty.uri("/echo"));
    client.events().awaitOpened();
    client.connection().sendBinary(ByteBuffer.allocate(16 * MIB + 1));
    Throwable cause = client.events().awaitFailed();
    assertTrue(cause.getMessage().contains("16 MiB"), cause.getMessage());
  }

  @Test
  void okhttpQueueCap_aMessageOfExactly16MiBIsSent() {
    Client client = harness.connect(jetty.uri("/echo"));
    client.events().awaitOpened();
    byte[] big = new byte[16 * MIB];
    big[big.length - 1] = 7;
    client.sendBinary(big);
    assertArrayEquals(big, client.events().awaitBinary());
  }
}
