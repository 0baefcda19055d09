package dev.duplex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.BinaryType;
import dev.duplex.CloseEvent;
import dev.duplex.Event;
import dev.duplex.MessageEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The api over a real loopback socket: a tiny blocking transport against a tiny echo server. */
class EndToEndTest {

  private static String describe(Event e) {
    if (e instanceof MessageEvent) {
      Object d = ((MessageEvent) e).data();
      if (d instanceof ByteBuffer) {
        ByteBuffer b = ((ByteBuffer) d).duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return "binary:" + new String(bytes, StandardCharsets.UTF_8);
      }
      return "text:" + d;
    }
    if (e instanceof CloseEvent) {
      CloseEvent c = (CloseEvent) e;
      return "close:" + c.code() + ":" + c.wasClean() + ":" + c.reason();
    }
    return e.type();
  }

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String s = events.poll(10, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no event within 10 s");
    }
    return s;
  }

  @Test
  void endToEnd_openEchoAndCleanCloseOverLoopback() throws Exception {
    try (EchoServer server = new EchoServer();
        WebSocketContext context = WebSocketContext.builder().name("e2e")
            .transport(new BlockingTransport()).origin("http://app.example").build()) {
      BlockingQueue<String> events = new LinkedBlockingQueue<>();
      WebSocket ws = context.open("ws://127.0.0.1:" + server.port() + "/echo?x=1",
          List.of("v1", "v2"), s -> {
            s.binaryType(BinaryType.ARRAYBUFFER);
            s.onopen(e -> {
              events.add("open:" + s.protocol());
              s.send("hello \u20ac");
              s.send("bytes".getBytes(StandardCharsets.UTF_8));
            });
            s.onmessage(e -> events.add(describe(e)));
            s.onerror(e -> events.add(describe(e)));
            s.onclose(e -> events.add(describe(e)));
          });
      assertEquals("open:v1", next(events));
      assertEquals("text:hello \u20ac", next(events));
      assertEquals("binary:bytes", next(events));
      List<String> request = server.requests.poll(1, TimeUnit.SECONDS);
      assertEquals("GET /echo?x=1 HTTP/1.1", request.get(0));
      assertEquals("http://app.example", EchoServer.header(request, "Origin"));
      assertEquals(0, ws.bufferedAmount(), "everything was transmitted before the echoes came");

      // The cookie set by the first handshake goes with the next one.
      WebSocket second = context.open("ws://127.0.0.1:" + server.port() + "/again", List.of(),
          s -> s.onopen(e -> s.close()));
      assertEquals("e2e=yes", EchoServer.header(server.requests.poll(10, TimeUnit.SECONDS), "Cookie"));

      ws.close(1000, "done");
      assertEquals(WebSocket.CLOSING, ws.readyState());
      assertEquals("close:1000:true:done", next(events));
      assertEquals(WebSocket.CLOSED, ws.readyState());
      assertTrue(second.readyState() >= WebSocket.CLOSING);
    }
  }

  @Test
  void endToEnd_refusedConnectionIsErrorThenClose1006() throws Exception {
    // A bound socket that never listens holds a port that refuses connections (a closed
    // ServerSocket's port could be taken by another process before the connection is tried).
    try (Socket refusing = new Socket();
        WebSocketContext context = WebSocketContext.builder().name("e2e-refused")
            .transport(new BlockingTransport()).failureObserver((url, cause) -> { }).build()) {
      refusing.setReuseAddress(false);
      refusing.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      BlockingQueue<String> events = new LinkedBlockingQueue<>();
      context.open("ws://127.0.0.1:" + refusing.getLocalPort() + "/", List.of(), s -> {
        s.onerror(e -> events.add(describe(e)));
        s.onclose(e -> events.add(describe(e)));
      });
      assertEquals("error", next(events));
      assertEquals("close:1006:false:", next(events));
    }
  }

  @Test
  void endToEnd_notAWebSocketServerIsErrorThenClose1006() throws Exception {
    try (ServerSocket http = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket s = http.accept()) {
          Frames.readHead(new java.io.DataInputStream(s.getInputStream()));
          s.getOutputStream().write("HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          // the client may have gone
        }
      });
      t.setDaemon(true);
      t.start();
      try (WebSocketContext context = WebSocketContext.builder().name("e2e-302")
          .transport(new BlockingTransport()).failureObserver((url, cause) -> { }).build()) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        context.open("ws://127.0.0.1:" + http.getLocalPort() + "/", List.of(), s -> {
          s.onerror(e -> events.add(describe(e)));
          s.onclose(e -> events.add(describe(e)));
        });
        assertEquals("error", next(events));
        assertEquals("close:1006:false:", next(events));
      }
    }
  }
}
