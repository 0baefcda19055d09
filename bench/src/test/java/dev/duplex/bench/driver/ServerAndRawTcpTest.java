package dev.duplex.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.bench.Plan;
import dev.duplex.bench.Result;
import dev.duplex.bench.client.JdkClient;
import dev.duplex.bench.server.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echo server in its own JVM, over real loopback sockets. */
class ServerAndRawTcpTest {
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(1, 2, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private Target target() {
    return new Target(2, server.wsPort(), server.tcpPort(), server.tcpStreamPort(), server.pid());
  }

  @Test
  void rawTcpEcho_returnsEveryByteOnEveryLoopbackAddress() throws Exception {
    for (String host : new String[] {"127.0.0.1", "127.0.0.2"}) {
      try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, server.tcpPort()))) {
        ch.write(ByteBuffer.wrap("hello, echo".getBytes()));
        ByteBuffer in = ByteBuffer.allocate(11);
        while (in.hasRemaining() && ch.read(in) >= 0) {
          // read until all 11 bytes are back
        }
        assertEquals("hello, echo", new String(in.array()));
      }
    }
  }

  @Test
  void webSocketStream_sendsTheCountAndSizeAsked() throws Exception {
    try (JdkClient jdk = new JdkClient()) {
      int[] got = new int[2];
      CompletableFuture<Void> all = new CompletableFuture<>();
      var c = jdk.connect(URI.create("ws://127.0.0.1:" + server.wsPort() + "/stream"), n -> {
        got[0]++;
        got[1] += n;
        if (got[0] == 5) {
          all.complete(null);
        }
      }).get(10, TimeUnit.SECONDS);
      c.send(ByteBuffer.allocate(12).putLong(5).putInt(1000).flip());
      all.get(10, TimeUnit.SECONDS);
      assertEquals(5000, got[1]);
      c.close();
    }
  }

  @Test
  void rawTcpDriver_measuresEchoAndStreamThroughTheServerAndReadsItsCpu() throws Exception {
    try (RawTcpDriver raw = new RawTcpDriver(Plan.quick(), target())) {
      Samples echo = raw.echo(4096, 16);
      assertTrue(echo.median() > 0, "echo " + echo.median());
      assertTrue(echo.serverCpu() > 0, "the server's CPU time comes from /proc: " + echo.serverCpu());
      Samples stream = raw.stream(65536);
      assertTrue(stream.median() > 0, "stream " + stream.median());
    }
  }

  @Test
  void theServerCountsTheConnectionsItHoldsWebSocketAndRawAlike() throws Exception {
    int before = server.openConnections();
    try (RawTcpDriver raw = new RawTcpDriver(Plan.quick(), target()); JdkClient jdk = new JdkClient()) {
      Driver.Held held = raw.openIdle(3);
      var ws = jdk.connect(URI.create("ws://127.0.0.2:" + server.wsPort() + "/"), n -> { })
          .get(10, TimeUnit.SECONDS);
      assertEquals(3, held.open());
      awaitServerCount(before + 4);
      held.close();
      ws.close();
      awaitServerCount(before);
    }
  }

  private static void awaitServerCount(int expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int n;
    while ((n = server.openConnections()) != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, n, "connections the server counted");
  }

  @Test
  void rawIdleConnectionsThatThePeerClosedAreNotCountedOpen() throws Exception {
    try (ServerSocket peer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Target here = new Target(1, 1, peer.getLocalPort(), 1, -1);
      try (RawTcpDriver raw = new RawTcpDriver(Plan.quick(), here)) {
        Driver.Held held = raw.openIdle(3);
        Socket first = peer.accept();
        peer.accept().close();
        Socket third = peer.accept();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held.open() != 2 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(2, held.open());
        held.close();
        first.close();
        third.close();
      }
    }
  }

  @Test
  void rawTcpLatency_isRawTcpInTurnsWithRawTcpThroughTheServer() throws Exception {
    try (RawTcpDriver raw = new RawTcpDriver(Plan.quick(), target())) {
      for (int size : new int[] {32, 1 << 20}) {
        List<Result> r = raw.latency(size);
        assertEquals(List.of("latency p50", "latency p99", "latency p99.9"),
            r.stream().map(Result::scenario).toList());
        for (Result p : r) {
          assertTrue(p.present() && p.median() > 0, size + " B: " + p);
          assertEquals(Plan.quick().samples(), p.samples(), p.toString());
          assertTrue(p.rawInterleaved() > 0, p.toString());
        }
        assertTrue(r.get(0).median() <= r.get(1).median()
            && r.get(1).median() <= r.get(2).median(), size + " B: " + r);
        // The same code on both lanes: far from x1.00 only if the lanes measured different
        // things (the bound is loose: this test shares the machine with anything).
        double self = r.get(0).ratioToRawInterleaved();
        assertTrue(self > 0.5 && self < 2, size + " B: raw against raw x" + self);
      }
    }
  }

  @Test
  void aWebSocketRowsLatencyIsMeasuredInTurnsWithRawTcpInTheSameJvm() throws Exception {
    try (WsDriver jdk = new WsDriver(Plan.quick(), target(), new JdkClient())) {
      List<Result> results = jdk.latency(32);
      assertEquals(List.of("latency p50", "latency p99", "latency p99.9"),
          results.stream().map(Result::scenario).toList());
      for (Result r : results) {
        assertTrue(r.present(), r.toString());
        assertTrue(r.rawInterleaved() > 0, r.toString());
        assertTrue(r.ratioToRawInterleaved() > 0 && r.ratioToRawInterleaved() < 1000,
            r.toString());
        assertTrue(r.note().matches("raw TCP \\S+ us in the same turns \\(\\d+ each\\), samples"
            + " x\\S+ to x\\S+"), r.note());
      }
    }
  }

  @Test
  void withoutARawServerTheLatencyFailsAndSaysWhy() throws Exception {
    try (ServerSocket refusing = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int closedPort = refusing.getLocalPort();
      refusing.close();
      Target noRaw = new Target(2, server.wsPort(), closedPort, server.tcpStreamPort(), server.pid());
      try (WsDriver jdk = new WsDriver(Plan.quick(), noRaw, new JdkClient())) {
        Result p50 = jdk.latency(32).get(0);
        assertTrue(!p50.present(), p50.toString());
        assertTrue(p50.note().startsWith("failed: IllegalStateException: could not open the raw"
            + " TCP connection: java.net.ConnectException"), p50.note());
      }
    }
  }

  @Test
  void rawTcpLatency_failsAtOnceWhenThePeerClosesTheConnection() throws Exception {
    try (ServerSocket peer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread closer = new Thread(() -> {
        try (Socket s = peer.accept()) {
          s.getInputStream().read();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      closer.start();
      try (RawTcpDriver raw = new RawTcpDriver(Plan.quick(), new Target(1, 1, peer.getLocalPort(), 1, -1))) {
        long t0 = System.nanoTime();
        Result p50 = raw.latency(32).get(0);
        assertTrue(!p50.present(), p50.toString());
        assertEquals("failed: IllegalStateException: the row's connection ended during the"
            + " scenario: the server closed the raw TCP echo connection", p50.note());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "it took too long");
      }
      closer.join(5000);
    }
  }
}
