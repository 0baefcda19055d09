package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Connection;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.fixture.JettyServer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The spi's threading promises over OkHttp's several threads: callbacks of one connection never
 * overlap, stay in order, end with exactly one terminal callback, and a listener that throws
 * aborts the connection instead of escaping into OkHttp.
 */
class CallbackOrderTest {

  /** Checks that no two callbacks run at once and records them. */
  static class Probe implements ConnectionListener {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicBoolean overlapped = new AtomicBoolean();
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicLong transmitted = new AtomicLong();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch terminal = new CountDownLatch(1);
    final AtomicInteger terminals = new AtomicInteger();

    void enter(String what) {
      if (inside.incrementAndGet() != 1) {
        overlapped.set(true);
      }
      events.add(what);
      Thread.onSpinWait(); // widen the window in which an overlapping callback would be caught
    }

    void exit() {
      inside.decrementAndGet();
    }

    @Override public void opened(Handshake h) { enter("opened"); exit(); opened.countDown(); }
    @Override public void text(String text) { enter("text:" + text); exit(); }
    @Override public void binary(ByteBuffer data) { enter("binary"); exit(); }
    @Override public void closing(int code, String reason) { enter("closing"); exit(); }
    @Override public void closed(int code, String reason, boolean wasClean) {
      enter("closed:" + code);
      terminals.incrementAndGet();
      exit();
      terminal.countDown();
    }
    @Override public void failed(Throwable cause) {
      enter("failed");
      terminals.incrementAndGet();
      exit();
      terminal.countDown();
    }
    @Override public void transmitted(long bytes) {
      enter("transmitted");
      transmitted.addAndGet(bytes);
      exit();
    }
  }

  @Test
  void spi_callbacksNeverOverlapAndStayInOrderWhileReadingAndWriting() throws InterruptedException {
    int messages = 300;
    try (JettyServer jetty = JettyServer.start();
        Transport t = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
      Probe probe = new Probe();
      Connection c = t.connect(ConnectRequest.builder(jetty.uri("/echo")).build(), probe);
      assertTrue(probe.opened.await(5, TimeUnit.SECONDS));
      for (int i = 0; i < messages; i++) {
        c.sendText("m" + i + "x".repeat(20_000)); // echoes arrive while transmitted is polled
      }
      c.close(1000, "");
      assertTrue(probe.terminal.await(10, TimeUnit.SECONDS));
      assertFalse(probe.overlapped.get(), "two callbacks ran at once");
      List<String> texts = probe.events.stream().filter(e -> e.startsWith("text:")).toList();
      for (int i = 0; i < texts.size(); i++) {
        assertTrue(texts.get(i).startsWith("text:m" + i + "x"), "in order at " + i);
      }
      assertEquals("opened", probe.events.get(0));
      assertEquals("closed:1000", probe.events.get(probe.events.size() - 1));
      assertEquals(1, probe.terminals.get());
    }
  }

  @Test
  void spi_listenerThatThrowsAbortsTheConnectionWithOneTerminal() throws InterruptedException {
    try (JettyServer jetty = JettyServer.start();
        Transport t = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
      Probe probe = new Probe() {
        @Override
        public void text(String text) {
          super.text(text);
          throw new IllegalStateException("a buggy engine");
        }
      };
      Connection c = t.connect(ConnectRequest.builder(jetty.uri("/echo")).build(), probe);
      assertTrue(probe.opened.await(5, TimeUnit.SECONDS));
      c.sendText("boom");
      assertTrue(probe.terminal.await(5, TimeUnit.SECONDS), "the connection ended");
      assertEquals("closed:1006", probe.events.get(probe.events.size() - 1), probe.events.toString());
      assertEquals(1, probe.terminals.get());
    }
  }
}
