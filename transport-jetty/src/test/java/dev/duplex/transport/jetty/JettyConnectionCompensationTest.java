package dev.duplex.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behaviour of an open connection where Jetty 12.1.14 differs from what RFC 6455 and the spi
 * require, each restored by the adapter and proved against a scripted server on loopback.
 *
 * <p>Threading: JUnit's test thread.
 */
@ExtendWith(NoJettyWarnings.class)
class JettyConnectionCompensationTest {
  private static final int TEXT = 1;
  private static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;

  private final ScriptedServer server = newServer();
  private final Transport transport = new JettyTransportProvider().create(TransportConfig.defaults());

  private static ScriptedServer newServer() {
    try {
      return new ScriptedServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() throws Exception {
    transport.close();
    server.close();
  }

  /** An open connection: the client, its recorder and the server's peer. */
  record Open(Connection connection, Recorder events, ScriptedServer.Peer peer) {}

  private Open open(Consumer<ConnectRequest.Builder> adjust, String... responseLines)
      throws Exception {
    ConnectRequest.Builder b = ConnectRequest.builder(server.uri("/"));
    adjust.accept(b);
    Recorder r = new Recorder();
    Connection c = transport.connect(b.build(), r);
    ScriptedServer.Peer p = server.accept().readRequest().respond101(responseLines);
    r.awaitOpened();
    return new Open(c, r, p);
  }

  @Test
  void rfc6455_8_1_invalidUtf8FailsTheConnectionInsteadOfClosingWith1007() throws Exception {
    Open o = open(b -> {});
    o.peer().frame(TEXT, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564"));
    o.events().awaitFailed();
    assertEquals(1007, o.peer().readFrame(CLOSE).closeCode(), "RFC 6455 8.1: 1007 on the wire");
    assertTrue(o.peer().awaitEof());
    assertEquals(List.of(), o.events().violations());
  }

  @Test
  void rfc6455_5_2_protocolErrorJettyFindsIsAFailureNotAClose1002() throws Exception {
    Open o = open(b -> {});
    o.peer().frame(3, new byte[0]); // a reserved opcode
    o.events().awaitFailed();
    assertEquals(1002, o.peer().readFrame(CLOSE).closeCode());
    assertTrue(o.events().history().stream().noneMatch(e -> e.kind().equals("closing")));
  }

  @Test
  void rfc6455_8_1_invalidUtf8InAnUnfinishedMessageFailsAtOnce() throws Exception {
    Open o = open(b -> {});
    o.peer().write(ScriptedServer.Peer.encode(false, TEXT, HexFormat.of().parseHex("cebaf4908080")));
    o.events().awaitFailed();
    assertEquals(1007, o.peer().readFrame(CLOSE).closeCode());
  }

  @Test
  void rfc6455_8_1_deliversUtf8SplitAcrossFragments() throws Exception {
    Open o = open(b -> {});
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    o.peer().write(ScriptedServer.Peer.encode(false, TEXT, new byte[] {'a', euro[0]}));
    o.peer().write(ScriptedServer.Peer.encode(true, 0, new byte[] {euro[1], euro[2], 'b'}));
    assertEquals("a\u20acb", o.events().awaitText());
  }

  @Test
  void rfc6455_7_4_1_oversizedMessageFailsWith1009UnderTheRequestLimit() throws Exception {
    Open o = open(b -> b.maxMessageSize(1000));
    o.peer().write(ScriptedServer.Peer.encode(false, BINARY, new byte[600]));
    o.peer().write(ScriptedServer.Peer.encode(true, 0, new byte[600]));
    o.events().awaitFailed();
    assertEquals(1009, o.peer().readFrame(CLOSE).closeCode());
    assertTrue(o.events().history().stream().noneMatch(e -> e.kind().equals("binary")));
  }

  @Test
  void rfc6455_7_4_1_messageBeyondJettys64KiBDefaultIsDelivered() throws Exception {
    Open o = open(b -> {});
    byte[] big = new byte[200_000];
    big[199_999] = 7;
    o.peer().frame(BINARY, big);
    Recorder.Event e = o.events().next("binary");
    assertArrayEquals(big, e.bytes());
  }

  @Test
  void rfc6455_7_1_5_serverCloseWithoutStatusIsReportedAs1005AndAnsweredEmpty() throws Exception {
    Open o = open(b -> {});
    o.peer().frame(CLOSE, new byte[0]);
    Recorder.Event closing = o.events().next("closing");
    assertEquals(1005, closing.code());
    assertEquals("", closing.text());
    assertEquals(0, o.peer().readFrame(CLOSE).payload().length, "the reply has no body either");
    o.peer().close();
    Recorder.Event end = o.events().next("closed");
    assertEquals(1005, end.code());
    assertTrue(end.wasClean());
  }

  @Test
  void rfc6455_7_1_1_closesTcpItselfWhenServerNeverAnswersItsClose() throws Exception {
    Open o = open(b -> b.closeTimeout(Duration.ofMillis(300)));
    o.connection().close(1000, "bye");
    ScriptedServer.ReceivedFrame close = o.peer().readFrame(CLOSE);
    assertEquals(1000, close.closeCode());
    assertTrue(o.peer().awaitEof(), "the client must close TCP after its close timeout");
    Recorder.Event end = o.events().awaitTerminal();
    assertEquals("closed", end.kind());
    assertEquals(1006, end.code());
    assertFalse(end.wasClean());
  }

  @Test
  void rfc6455_7_1_1_closesTcpItselfWhenServerAnswersButKeepsTcpOpen() throws Exception {
    Open o = open(b -> b.closeTimeout(Duration.ofMillis(300)));
    o.connection().close(4000, "done");
    assertEquals(4000, o.peer().readFrame(CLOSE).closeCode());
    o.peer().frame(CLOSE, ScriptedServer.Peer.closePayload(4000, "done")); // and keep TCP open
    assertTrue(o.peer().awaitEof(), "the client must close TCP");
    Recorder.Event end = o.events().awaitTerminal();
    assertEquals("closed", end.kind());
    assertEquals(4000, end.code());
    assertEquals("done", end.text());
    assertTrue(end.wasClean());
  }

  @Test
  void rfc6455_7_1_1_waitsForTheServerToCloseTcpAfterAnsweringItsClose() throws Exception {
    Open o = open(b -> b.closeTimeout(Duration.ofSeconds(60)));
    o.peer().frame(CLOSE, ScriptedServer.Peer.closePayload(1001, "going away"));
    assertEquals(1001, o.peer().readFrame(CLOSE).closeCode());
    assertEquals("closing", o.events().next().kind());
    o.peer().socket.setSoTimeout(300);
    assertFalse(o.peer().awaitEof(), "the client must leave closing TCP to the server");
    assertTrue(o.events().history().stream().noneMatch(Recorder.Event::terminal),
        "closed only once TCP is closed: " + o.events().history());
    o.peer().close();
    Recorder.Event end = o.events().awaitTerminal(); // long before the 60 s close timeout
    assertEquals("closed", end.kind());
    assertEquals(1001, end.code());
    assertTrue(end.wasClean());
  }

  @Test
  void rfc6455_7_1_5_abruptEndIs1006WithEmptyReasonNotAFailure() throws Exception {
    Open o = open(b -> {});
    o.peer().close();
    Recorder.Event end = o.events().awaitTerminal();
    assertEquals("closed", end.kind(), "a server that just closes TCP is not a failure: " + end);
    assertEquals(1006, end.code());
    assertEquals("", end.text(), "Jetty's 'Session Closed' must not leak as a reason");
    assertFalse(end.wasClean());
  }

  @Test
  void w3c_close_withoutCodeSendsEmptyCloseFrame() throws Exception {
    Open o = open(b -> {});
    o.connection().close(1005, "");
    assertEquals(0, o.peer().readFrame(CLOSE).payload().length);
    o.peer().frame(CLOSE, new byte[0]);
    o.peer().close();
    Recorder.Event end = o.events().awaitTerminal();
    assertEquals(1005, end.code());
    assertTrue(end.wasClean());
  }

  @Test
  void spi_aThrowingListenerAbortsWithoutJettysPolicyViolationClose() throws Exception {
    Open o = open(b -> {});
    o.events().onText(() -> {
      throw new IllegalStateException("an engine bug, on purpose");
    });
    o.peer().frame(TEXT, "boom".getBytes(StandardCharsets.UTF_8));
    Recorder.Event end = o.events().awaitTerminal();
    assertEquals("closed", end.kind());
    assertEquals(1006, end.code());
    ScriptedServer.ReceivedFrame f = o.peer().readFrame();
    assertTrue(f == null || f.opcode() != CLOSE || f.closeCode() != 1008,
        "Jetty's 1008 for a throwing handler must not reach the wire");
  }

  @Test
  void rfc6455_5_5_2_answersPingWithIdenticalPong() throws Exception {
    Open o = open(b -> {});
    o.peer().frame(PING, new byte[] {1, 2, 3});
    ScriptedServer.ReceivedFrame pong = o.peer().readFrame(PONG);
    assertArrayEquals(new byte[] {1, 2, 3}, pong.payload());
    assertTrue(pong.masked());
  }

  @Test
  void keepAlive_sendsPingsAndStaysOpenWhilePongsCome() throws Exception {
    Open o = open(b -> b.keepAlive(Duration.ofMillis(50), Duration.ofSeconds(5)));
    for (int i = 0; i < 3; i++) {
      ScriptedServer.ReceivedFrame ping = o.peer().readFrame(PING);
      o.peer().frame(PONG, ping.payload());
    }
    o.peer().frame(TEXT, "still open".getBytes(StandardCharsets.UTF_8));
    assertEquals("still open", o.events().awaitText());
  }

  @Test
  void keepAlive_pingsOnlyAfterSilence() throws Exception {
    Open o = open(b -> b.keepAlive(Duration.ofMillis(300), Duration.ofSeconds(5)));
    // Traffic every 50 ms for about a second: the connection is never silent for 300 ms.
    for (int i = 0; i < 20; i++) {
      o.peer().frame(TEXT, ("tick " + i).getBytes(StandardCharsets.UTF_8));
      assertEquals("tick " + i, o.events().awaitText());
      Thread.sleep(50);
    }
    o.peer().frame(CLOSE, ScriptedServer.Peer.closePayload(1000, ""));
    for (ScriptedServer.ReceivedFrame f = o.peer().readFrame(); f != null && f.opcode() != CLOSE;
        f = o.peer().readFrame()) {
      assertTrue(f.opcode() != PING, "a ping although the server was never silent");
    }
  }

  @Test
  void keepAlive_failsWhenNoPongArrives() throws Exception {
    Open o = open(b -> b.keepAlive(Duration.ofMillis(50), Duration.ofMillis(200)));
    o.peer().readFrame(PING); // and never answer
    o.events().awaitFailed();
    assertTrue(o.peer().awaitEof());
  }

  @Test
  void rfc7692_7_1_1_2_honoursServerImposedClientNoContextTakeover() throws Exception {
    Open o = open(b -> b.permessageDeflate(true),
        "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover");
    String message = "compress me, compress me, compress me";
    o.connection().sendText(message);
    o.connection().sendText(message);
    for (int i = 0; i < 2; i++) {
      ScriptedServer.ReceivedFrame f = o.peer().readFrame(TEXT);
      assertTrue(f.rsv1(), "the message is compressed");
      assertEquals(message, inflateAlone(f.payload()),
          "each message must inflate without the previous one's context");
    }
  }

  @Test
  void rfc7692_7_1_1_2_keepsItsInflaterWhenOnlyTheClientMayNotTakeContextOver() throws Exception {
    Open o = open(b -> b.permessageDeflate(true),
        "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover");
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(
        java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
    for (int i = 0; i < 3; i++) {
      byte[] in = "the server keeps its window".getBytes(StandardCharsets.UTF_8);
      deflater.setInput(in);
      byte[] buf = new byte[256];
      int n = deflater.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH);
      byte[] payload = java.util.Arrays.copyOf(buf, n - 4); // drop 00 00 ff ff
      o.peer().write(ScriptedServer.Peer.encode(true, 0x40 | TEXT, payload));
      assertEquals("the server keeps its window", o.events().awaitText(), "message " + i);
    }
  }

  @Test
  void rfc7692_7_1_2_2_failsOnClientMaxWindowBitsItDidNotOffer() throws Exception {
    Recorder r = new Recorder();
    transport.connect(ConnectRequest.builder(server.uri("/")).permessageDeflate(true).build(), r);
    server.accept().readRequest().respond101(
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10");
    assertTrue(r.awaitFailed().getMessage().contains("client_max_window_bits"));
  }

  private static String inflateAlone(byte[] payload) throws Exception {
    Inflater inflater = new Inflater(true);
    byte[] in = new byte[payload.length + 4];
    System.arraycopy(payload, 0, in, 0, payload.length);
    in[payload.length + 2] = (byte) 0xff;
    in[payload.length + 3] = (byte) 0xff;
    inflater.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    int n;
    while ((n = inflater.inflate(buf)) > 0) {
      out.write(buf, 0, n);
    }
    inflater.end();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void spi_transmitted_reportsUtf8AndBinaryPayloadBytes() throws Exception {
    Open o = open(b -> {});
    o.connection().sendText("h\u00e9llo \ud83d\ude00"); // 1+2+3+1+4 = 11 bytes
    o.connection().sendBinary(java.nio.ByteBuffer.wrap(new byte[10], 3, 5));
    assertEquals("h\u00e9llo \ud83d\ude00", o.peer().readFrame(TEXT).text());
    assertEquals(5, o.peer().readFrame(BINARY).payload().length);
    assertEquals(16, o.events().awaitTransmitted(16));
    o.connection().abort();
    o.events().awaitTerminal();
    assertFalse(o.events().threads().contains(Thread.currentThread().getName()),
        "callbacks come from the transport's threads, never inside the engine's own calls: "
            + o.events().threads());
  }
}
