package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.TransportConfig;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.ScriptedServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Framing (RFC 6455 section 5), text (8.1) and closing (7) on real sockets against a scripted,
 * sometimes hostile, server.
 */
class NioFramingTest extends WithTransport {
  private ScriptedServer server;

  @AfterEach
  void closeServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private record Open(Connection connection, RecordingListener listener, ScriptedServer.Peer peer) {}

  private Open open(ConnectRequest.Builder request) throws Exception {
    RecordingListener listener = new RecordingListener();
    Connection c = transport.connect(request.build(), listener);
    ScriptedServer.Peer peer = server.accept();
    peer.respond101();
    listener.awaitOpened();
    return new Open(c, listener, peer);
  }

  private Open open() throws Exception {
    server = ScriptedServer.start();
    return open(ConnectRequest.builder(server.uri("/")).closeTimeout(Duration.ofSeconds(2)));
  }

  @Test
  void rfc6455_5_3_everyClientFrameIsMasked() throws Exception {
    Open o = open();
    o.connection().sendText("Hello");
    o.connection().sendBinary(ByteBuffer.wrap(new byte[300]));
    ScriptedServer.Frame text = o.peer().readFrame();
    assertTrue(text.masked());
    assertEquals(0x81, text.b0());
    assertEquals("Hello", text.text());
    ScriptedServer.Frame binary = o.peer().readFrame();
    assertTrue(binary.masked());
    assertEquals(0x82, binary.b0());
    assertArrayEquals(new byte[300], binary.payload());
  }

  @Test
  void transmitted_reportsTheApplicationBytesOfEveryMessage() throws Exception {
    Open o = open();
    o.connection().sendText("héllo"); // 6 UTF-8 bytes
    o.connection().sendBinary(ByteBuffer.wrap(new byte[1000]));
    o.peer().readFrame();
    o.peer().readFrame();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (o.listener().transmitted() < 1006 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(1006, o.listener().transmitted());
  }

  @Test
  void rfc6455_5_6_messagesArriveInOrderWhateverTheirSize() throws Exception {
    Open o = open();
    for (int i = 0; i < 50; i++) {
      o.connection().sendText("m" + i + ":" + "x".repeat(i * 997));
    }
    for (int i = 0; i < 50; i++) {
      String t = o.peer().readFrame().text();
      assertEquals("m" + i + ":" + "x".repeat(i * 997), t);
    }
  }

  @Test
  void rfc6455_5_5_2_answersEachPingWithAPongOfTheSamePayload() throws Exception {
    Open o = open();
    o.peer().writeHex("89 03 01 02 03 89 00");
    ScriptedServer.Frame pong = o.peer().readFrame();
    assertEquals(0x8a, pong.b0());
    assertArrayEquals(new byte[] {1, 2, 3}, pong.payload());
    ScriptedServer.Frame empty = o.peer().readFrame();
    assertEquals(0x8a, empty.b0());
    assertEquals(0, empty.payload().length);
  }

  @Test
  void rfc6455_5_5_3_ignoresAnUnsolicitedPong() throws Exception {
    Open o = open();
    o.peer().writeHex("8a 02 aa bb 81 02 6f 6b");
    assertEquals("ok", o.listener().awaitText());
    o.listener().assertExhausted();
  }

  @Test
  void rfc6455_5_4_fragmentedTextWithAPingInTheMiddle() throws Exception {
    Open o = open();
    o.peer().writeHex("01 03 48 65 6c 89 01 50 80 02 6c 6f");
    assertEquals("Hello", o.listener().awaitText());
    assertEquals(0x8a, o.peer().readFrame().b0());
  }

  @Test
  void rfc6455_5_2_largeBinaryIn64BitFrame() throws Exception {
    Open o = open();
    byte[] data = new byte[3 << 20];
    new java.util.Random(7).nextBytes(data);
    o.peer().writeFrame(0x82, data);
    ByteBuffer got = o.listener().next("binary").data();
    byte[] b = new byte[got.remaining()];
    got.get(b);
    assertArrayEquals(data, b);
  }

  /** Each row: hostile bytes after the handshake, and the code the client must close with. */
  @ParameterizedTest(name = "{2}")
  @CsvSource({
      "81 85 37 fa 21 3d 7f 9f 4d 51 58, 1002, rfc6455_5_1 masked server frame",
      "c1 00, 1002, rfc6455_5_2 RSV1 without an extension",
      "a1 00, 1002, rfc6455_5_2 RSV2",
      "91 00, 1002, rfc6455_5_2 RSV3",
      "83 00, 1002, rfc6455_5_2 reserved opcode 3",
      "8b 00, 1002, rfc6455_5_2 reserved control opcode B",
      "09 00, 1002, rfc6455_5_5 fragmented ping",
      "89 7e 00 7e, 1002, rfc6455_5_5 ping over 125 bytes",
      "80 01 41, 1002, rfc6455_5_4 continuation without a message",
      "01 01 41 01 01 42, 1002, rfc6455_5_4 new message inside a fragmented one",
      "88 02 03 ed, 1002, rfc6455_7_4 close code 1005 on the wire",
      "88 02 03 e7, 1002, rfc6455_7_4 close code 999",
      "88 01 03, 1002, rfc6455_5_5_1 one-byte close body",
      "81 03 ed a0 80, 1007, rfc6455_8_1 surrogate in text",
      "01 02 41 c0, 1007, rfc6455_8_1 overlong lead in an unfinished message",
      "88 04 03 e8 ff ff, 1007, rfc6455_8_1 invalid UTF-8 in the close reason",
      "82 7f 7f ff ff ff ff ff ff ff, 1009, rfc6455_5_2 2^63-1 byte length",
  })
  void rfc6455_failsTheConnectionWithTheSpecifiedCode(String hex, int code, String what)
      throws Exception {
    Open o = open();
    o.peer().writeHex(hex);
    o.peer().expectClose(code);
    Throwable cause = o.listener().awaitFailed();
    assertTrue(cause.getMessage().endsWith("."), "errors are sentences: " + cause.getMessage());
    o.peer().expectEof();
    o.listener().assertExhausted();
  }

  @Test
  void rfc6455_7_4_1_messageOverTheMaximumSizeFailsWith1009() throws Exception {
    server = ScriptedServer.start();
    Open o = open(ConnectRequest.builder(server.uri("/")).maxMessageSize(1000));
    o.peer().writeFrame(0x02, new byte[600]);
    o.peer().writeFrame(0x80, new byte[600]);
    o.peer().expectClose(1009);
    o.listener().awaitFailed();
  }

  @Test
  void rfc6455_7_1_2_serverInitiatedCloseIsEchoedThenTcpClosedByTheServer() throws Exception {
    Open o = open();
    o.peer().writeClose(4000, "bye");
    Object[] closing = o.listener().next("closing").args();
    assertEquals(4000, closing[0]);
    assertEquals("bye", closing[1]);
    ScriptedServer.Frame reply = o.peer().expectClose(4000);
    assertEquals("", reply.closeReason());
    o.peer().close();
    o.listener().awaitClosed(4000, "bye", true);
  }

  @Test
  void rfc6455_5_5_1_emptyCloseIsAnsweredWithAnEmptyClose() throws Exception {
    Open o = open();
    o.peer().writeClose(1005, "");
    o.peer().expectClose(1005);
    o.peer().close();
    o.listener().next("closing");
    o.listener().awaitClosed(1005, "", true);
  }

  @Test
  void rfc6455_7_1_1_clientClosesTcpAfterTheCloseTimeoutWhenTheServerDoesNot() throws Exception {
    Open o = open();
    o.peer().writeClose(1000, "");
    o.peer().expectClose(1000);
    o.listener().next("closing");
    o.peer().expectEof(); // the server never closes: the client must, after its close timeout
    o.listener().awaitClosed(1000, "", true);
  }

  @Test
  void rfc6455_7_1_2_clientInitiatedCloseFlushesQueuedMessagesFirst() throws Exception {
    Open o = open();
    o.connection().sendText("one");
    o.connection().sendBinary(ByteBuffer.wrap(new byte[200_000]));
    o.connection().close(1000, "done");
    o.connection().sendText("after close: never sent");
    assertEquals("one", o.peer().readFrame().text());
    assertEquals(200_000, o.peer().readFrame().payload().length);
    assertEquals("done", o.peer().expectClose(1000).closeReason());
    o.peer().writeClose(1000, "ok");
    o.listener().next("closing");
    o.peer().close();
    o.listener().awaitClosed(1000, "ok", true);
  }

  @Test
  void w3c_close_withoutCodeSendsAnEmptyCloseFrame() throws Exception {
    Open o = open();
    o.connection().close(1005, "");
    ScriptedServer.Frame f = o.peer().expectClose(1005);
    assertEquals(0, f.payload().length);
  }

  @Test
  void rfc6455_7_1_1_closeNeverAnsweredEndsAbnormallyAfterTheTimeout() throws Exception {
    Open o = open();
    o.connection().close(1000, "");
    o.peer().expectClose(1000);
    o.listener().awaitClosed(1006, "", false);
    o.peer().expectEof();
  }

  @Test
  void rfc6455_7_1_5_tcpClosedWithoutACloseFrameIs1006() throws Exception {
    Open o = open();
    o.peer().close();
    o.listener().awaitClosed(1006, "", false);
  }

  @Test
  void abort_closesTcpAndReports1006() throws Exception {
    Open o = open();
    o.connection().abort();
    o.listener().awaitClosed(1006, "", false);
    o.peer().expectEof();
    o.connection().abort();
    o.listener().assertExhausted();
  }

  @Test
  void rfc6455_5_5_1_dataAfterTheServersCloseIsIgnored() throws Exception {
    Open o = open();
    o.peer().writeHex("88 02 03 e8 81 02 6e 6f");
    o.listener().next("closing");
    o.peer().expectClose(1000);
    o.peer().close();
    o.listener().awaitClosed(1000, "", true);
  }

  @Test
  void keepAlive_sendsPingsAndFailsWhenNoPongComes() throws Exception {
    server = ScriptedServer.start();
    Open o = open(ConnectRequest.builder(server.uri("/"))
        .keepAlive(Duration.ofMillis(100), Duration.ofMillis(200)));
    ScriptedServer.Frame ping = o.peer().readFrame();
    assertEquals(0x89, ping.b0());
    o.peer().writeFrame(0x8a, ping.payload()); // answered: the connection lives on
    ScriptedServer.Frame second = o.peer().readFrame();
    assertEquals(0x89, second.b0());
    // not answered this time
    o.listener().awaitFailed();
    o.peer().expectEof();
  }

  @Test
  void rfc6455_8_1_multibyteTextAcrossManySmallWrites() throws Exception {
    Open o = open();
    byte[] payload = "Grüße 世界 😀".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(payload.length);
    frame.write(payload);
    for (byte b : frame.toByteArray()) {
      o.peer().write(new byte[] {b});
    }
    assertEquals("Grüße 世界 😀", o.listener().awaitText());
  }

  @Test
  void listenerThatThrowsAbortsOnlyItsOwnConnection() throws Exception {
    server = ScriptedServer.start();
    RecordingListener recorder = new RecordingListener();
    dev.duplex.spi.ConnectionListener throwing = new dev.duplex.spi.ConnectionListener() {
      @Override
      public void opened(dev.duplex.spi.Handshake handshake) {
        recorder.opened(handshake);
      }

      @Override
      public void text(String text) {
        throw new IllegalStateException("engine bug, on purpose");
      }

      @Override
      public void binary(ByteBuffer data) {}

      @Override
      public void closing(int code, String reason) {}

      @Override
      public void closed(int code, String reason, boolean wasClean) {
        recorder.closed(code, reason, wasClean);
      }

      @Override
      public void failed(Throwable cause) {
        recorder.failed(cause);
      }

      @Override
      public void transmitted(long bytes) {}
    };
    transport.connect(ConnectRequest.builder(server.uri("/")).build(), throwing);
    ScriptedServer.Peer peer = server.accept();
    peer.respond101();
    recorder.awaitOpened();
    peer.writeText("boom");
    recorder.awaitClosed(1006, "", false);
    peer.expectEof();
    // The selector thread survived: another connection on the same transport works.
    Open other = open(ConnectRequest.builder(server.uri("/")));
    other.peer().writeText("still alive");
    assertEquals("still alive", other.listener().awaitText());
  }

  @Test
  void nioSelectorThreads_propertyIsHonouredAndValidated() throws Exception {
    server = ScriptedServer.start();
    dev.duplex.spi.Transport one = new NioTransportProvider().create(
        TransportConfig.builder().property("nio.selectorThreads", "1").build());
    try {
      RecordingListener a = new RecordingListener();
      RecordingListener b = new RecordingListener();
      one.connect(ConnectRequest.builder(server.uri("/")).build(), a);
      one.connect(ConnectRequest.builder(server.uri("/")).build(), b);
      server.accept().respond101();
      server.accept().respond101();
      a.awaitOpened();
      b.awaitOpened();
    } finally {
      one.close();
    }
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new NioTransportProvider().create(
            TransportConfig.builder().property("nio.selectorThreads", "zero").build()));
    assertTrue(e.getMessage().contains("nio.selectorThreads"));
  }

  @Test
  void backpressure_messagesQueuedWhileTheServerDoesNotReadArriveIntactAndInOrder()
      throws Exception {
    Open o = open();
    byte[] big = new byte[3 << 20];
    new java.util.Random(11).nextBytes(big);
    for (int i = 0; i < 4; i++) {
      o.connection().sendBinary(ByteBuffer.wrap(big));
      o.connection().sendText("after " + i);
    }
    // 12 MiB cannot fit in the socket buffers: the client must stall and wait for OP_WRITE.
    assertTrue(o.listener().transmitted() < 4L * big.length, "cannot all be written yet");
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(big, o.peer().readFrame().payload());
      assertEquals("after " + i, o.peer().readFrame().text());
    }
    long expected = 4L * big.length + 4 * "after 0".length();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (o.listener().transmitted() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(expected, o.listener().transmitted());
  }

  @Test
  void rfc6455_7_1_1_closeStuckBehindDataToAServerThatStoppedReadingEndsAfterTheTimeout()
      throws Exception {
    server = ScriptedServer.start();
    Open o = open(ConnectRequest.builder(server.uri("/")).closeTimeout(Duration.ofMillis(300)));
    for (int i = 0; i < 16; i++) { // 48 MiB: more than any loopback socket buffers hold
      o.connection().sendBinary(ByteBuffer.allocate(3 << 20));
    }
    o.connection().close(1000, "");
    // The server never reads: the Close frame can never be written.
    o.listener().awaitClosed(1006, "", false);
    o.peer().setReadTimeout(10_000);
    try {
      while (o.peer().readFrame().opcode() != 0x8) {
        // drain whatever got through; the client must have closed TCP before any Close
      }
      org.junit.jupiter.api.Assertions.fail("the Close frame cannot have been written");
    } catch (java.io.IOException expected) {
      // the client closed the connection
    }
  }
}
