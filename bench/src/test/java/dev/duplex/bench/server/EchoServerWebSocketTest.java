package dev.duplex.bench.server;

import static dev.duplex.bench.server.Frames.BINARY;
import static dev.duplex.bench.server.Frames.CLOSE;
import static dev.duplex.bench.server.Frames.FIN;
import static dev.duplex.bench.server.Frames.PING;
import static dev.duplex.bench.server.Frames.PONG;
import static dev.duplex.bench.server.Frames.TEXT;
import static dev.duplex.bench.server.Frames.client;
import static dev.duplex.bench.server.Frames.payload;
import static dev.duplex.bench.server.Frames.server;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The echo server's WebSocket path in its own JVM over real loopback sockets: a hand-made
 * client writes frames in pieces with pauses (so they arrive in separate reads), and the JDK's
 * strict client checks what the server sends.
 */
class EchoServerWebSocketTest {
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(1, 1, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * A WebSocket client over a blocking socket, with a bounded wait on every read.
   *
   * <p>Threading: the test's thread.
   */
  private static final class RawWs implements AutoCloseable {
    final Socket socket = new Socket("127.0.0.1", server.wsPort());
    final InputStream in;
    final OutputStream out;

    RawWs() throws Exception {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
      String key = Base64.getEncoder().encodeToString(payload(16));
      out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String response = readHead();
      assertTrue(response.startsWith("HTTP/1.1 101"), response);
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      assertTrue(response.toLowerCase().contains("sec-websocket-accept: "
          + Base64.getEncoder().encodeToString(sha1).toLowerCase()), response);
    }

    private String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("no handshake response");
        }
        head.write(b);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    /** Writes the bytes in pieces of {@code piece} bytes, pausing after each. */
    void write(byte[] bytes, int piece, long pauseMillis) throws Exception {
      for (int at = 0; at < bytes.length; at += piece) {
        out.write(bytes, at, Math.min(piece, bytes.length - at));
        out.flush();
        if (pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      }
    }

    byte[] read(int n) throws IOException {
      return in.readNBytes(n);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void framesOfEveryLengthEncodingComeBackUnmaskedWhenSentInPieces() throws Exception {
    try (RawWs ws = new RawWs()) {
      for (int size : new int[] {0, 125, 126, 65535, 65536, (1 << 20) + 1}) {
        byte[] frame = client(FIN | BINARY, payload(size));
        int piece = size < 1000 ? 7 : 65536 + 3;
        ws.write(frame, piece, size < 1000 ? 2 : 0);
        byte[] expected = server(FIN | BINARY, payload(size));
        assertArrayEquals(expected, ws.read(expected.length), size + " bytes");
      }
    }
  }

  @Test
  void aHeaderSplitOverReadsAndAFragmentedTextWithAPingBetweenAreEchoedFrameByFrame()
      throws Exception {
    try (RawWs ws = new RawWs()) {
      byte[] frame = client(FIN | BINARY, payload(300));
      ws.write(Arrays.copyOf(frame, 1), 1, 30);
      ws.write(Arrays.copyOfRange(frame, 1, 3), 2, 30);
      ws.write(Arrays.copyOfRange(frame, 3, frame.length), frame.length, 0);
      byte[] expected = server(FIN | BINARY, payload(300));
      assertArrayEquals(expected, ws.read(expected.length));

      byte[] a = "fragmented ".getBytes(StandardCharsets.UTF_8);
      byte[] b = "text".getBytes(StandardCharsets.UTF_8);
      ws.write(Frames.concat(client(TEXT, a), client(FIN | PING, payload(5)), client(FIN, b)), 4, 1);
      byte[] echoed = Frames.concat(server(TEXT, a), server(FIN | PONG, payload(5)), server(FIN, b));
      assertArrayEquals(echoed, ws.read(echoed.length));
    }
  }

  @Test
  void aCloseIsAnsweredWithAClose1000AndThenTheServerEndsTcp() throws Exception {
    try (RawWs ws = new RawWs()) {
      ws.write(client(FIN | CLOSE, Frames.closeBody(1000, "done")), 100, 0);
      byte[] close = Frames.serverClose(1000);
      assertArrayEquals(close, ws.read(close.length));
      assertEquals(-1, ws.in.read(), "the server closes TCP after its Close");
    }
  }

  @Test
  void aProtocolErrorIsAnsweredWithClose1002AndTheEndOfTcp() throws Exception {
    try (RawWs ws = new RawWs()) {
      ws.write(server(FIN | BINARY, payload(10)), 100, 0); // unmasked
      byte[] rest = ws.in.readAllBytes();
      List<Frames.Frame> frames = Frames.parseServer(rest);
      assertEquals(1, frames.size());
      assertEquals(CLOSE, frames.get(0).opcode());
      assertEquals(1002, frames.get(0).code());
    }
  }

  @Test
  void aFrameThatNeverEndsIsForwardedAsItArrivesAndTheConnectionWaits() throws Exception {
    int before = server.openConnections();
    try (RawWs ws = new RawWs()) {
      byte[] part = payload(256 << 10);
      ws.write(client(FIN | BINARY, 1L << 40, part, Frames.KEY), 65536, 0);
      byte[] expected = Frames.concat(new byte[] {(byte) 0x82, 127, 0, 0, 1, 0, 0, 0, 0, 0}, part);
      assertArrayEquals(expected, ws.read(expected.length));
      ws.socket.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> ws.in.read(),
          "nothing more comes, and the server does not close");
      assertEquals(before + 1, server.openConnections());
    }
  }

  @Test
  void theJdkClientGetsItsTextFragmentsBinaryAndPingBack() throws Exception {
    LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        got.add("text " + data + (last ? " (last)" : ""));
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        got.add("binary " + data.remaining() + (last ? " (last)" : ""));
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        got.add("pong " + StandardCharsets.UTF_8.decode(message));
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        got.add("close " + code);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        got.add("error " + error);
      }
    };
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + server.wsPort() + "/"), listener)
        .get(10, TimeUnit.SECONDS);
    ws.sendText("h\u00e9llo, ", false).get(10, TimeUnit.SECONDS);
    ws.sendText("w\u00f6rld", true).get(10, TimeUnit.SECONDS);
    ws.sendBinary(ByteBuffer.wrap(payload(70_000)), true).get(10, TimeUnit.SECONDS);
    ws.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)))
        .get(10, TimeUnit.SECONDS);
    CompletableFuture<WebSocket> closed = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    closed.get(10, TimeUnit.SECONDS);
    StringBuilder all = new StringBuilder();
    for (String s; (s = got.poll(10, TimeUnit.SECONDS)) != null; ) {
      all.append(s).append('\n');
      if (s.startsWith("close") || s.startsWith("error")) {
        break;
      }
    }
    String text = all.toString();
    String echoed = text.lines().filter(l -> l.startsWith("text "))
        .map(l -> l.substring(5).replace(" (last)", "")).reduce("", String::concat);
    assertEquals("h\u00e9llo, w\u00f6rld", echoed, text);
    assertTrue(text.contains("pong are you there\n"), text);
    assertTrue(text.endsWith("close 1000\n"), text);
    int binary = text.lines().filter(l -> l.startsWith("binary "))
        .mapToInt(l -> Integer.parseInt(l.split(" ")[1])).sum();
    assertEquals(70_000, binary, text);
  }
}
