package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.JettyServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * What the {@link InboundGuard} adds to OkHttp, over real sockets: strict UTF-8 (RFC 6455 8.1)
 * and the maximum message size (RFC 6455 7.4.1, 10.4), for {@code ws:} against a scripted server
 * and for {@code wss:} and compressed messages against Jetty.
 */
class InboundGuardSocketTest {

  @Test
  void rfc6455_8_1_invalidUtf8FailsButEarlierMessagesInTheSameWriteArrive() {
    try (FixtureServer server = FixtureServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(server.uri("/"));
      FixturePeer peer = server.acceptOpen();
      client.events().awaitOpened();
      peer.send(Frame.text("first"), Frame.binary(new byte[] {1, 2}),
          Frame.text(HexFormat.of().parseHex("41c328")), Frame.text("never"));
      assertEquals("first", client.events().awaitText());
      assertArrayEquals(new byte[] {1, 2}, client.events().awaitBinary());
      assertTrue(client.events().awaitFailed().getMessage().contains("UTF-8"));
      assertTrue(client.events().history().stream().filter(e -> e.kind() == Kind.TEXT).count() == 1);
      peer.awaitEof();
    }
  }

  @Test
  void rfc6455_8_1_invalidUtf8InACompressedMessageFails() {
    try (FixtureServer server = FixtureServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(server.uri("/"), b -> b.permessageDeflate(true));
      FixturePeer peer = server.acceptOpen("Sec-WebSocket-Extensions: permessage-deflate");
      client.events().awaitOpened();
      peer.send(Frame.text(compress("valid \u20ac".getBytes(StandardCharsets.UTF_8))).rsv(4));
      assertEquals("valid \u20ac", client.events().awaitText());
      peer.send(Frame.text(compress(HexFormat.of().parseHex("6f6bed a080".replace(" ", "")))).rsv(4));
      assertTrue(client.events().awaitFailed().getMessage().contains("UTF-8"));
    }
  }

  @Test
  void rfc6455_7_4_1_messageOverTheLimitFailsBeforeItIsComplete() {
    try (FixtureServer server = FixtureServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(server.uri("/"), b -> b.maxMessageSize(1 << 20));
      FixturePeer peer = server.acceptOpen();
      client.events().awaitOpened();
      peer.send(Frame.binary(new byte[1 << 20]));
      assertEquals(1 << 20, client.events().awaitBinary().length, "at the limit");
      // A frame that announces 1 GiB: only its first 2 MiB are ever written.
      byte[] head = {(byte) 0x82, 127, 0, 0, 0, 0, 0x40, 0, 0, 0};
      peer.write(head);
      int written = 0;
      try {
        for (; written < 2 << 20; written += 64 << 10) {
          peer.write(new byte[64 << 10]);
        }
      } catch (AssertionError closedEarly) {
        // the client gave up on the message and closed the connection: what is expected
      }
      assertTrue(client.events().awaitFailed().getMessage().contains("maximum message size"));
    }
  }

  @Test
  void rfc7692_compressedMessageIsCountedAfterDecompression() {
    try (FixtureServer server = FixtureServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(server.uri("/"),
          b -> b.permessageDeflate(true).maxMessageSize(100_000));
      FixturePeer peer = server.acceptOpen("Sec-WebSocket-Extensions: permessage-deflate");
      client.events().awaitOpened();
      byte[] bomb = compress(new byte[10 << 20]); // 10 MiB of zeros in about 10 KiB
      assertTrue(bomb.length < 100_000);
      peer.send(Frame.binary(bomb).rsv(4));
      assertTrue(client.events().awaitFailed().getMessage().contains("maximum message size"));
    }
  }

  @Test
  void rfc6455_7_4_1_wssMessagesAreGuardedToo() throws Exception {
    TestCertificate cert = TestCertificate.create("ip:127.0.0.1");
    try (JettyServer jetty = JettyServer.builder().tls(cert.serverContext()).start();
        Harness harness = new Harness(new OkHttpTransportProvider(),
            TransportConfig.builder().sslContext(cert.clientContext()).build())) {
      Client client = harness.connect(jetty.uri("/echo"), b -> b.maxMessageSize(1000));
      client.events().awaitOpened();
      client.sendText("x".repeat(1000));
      assertEquals(1000, client.events().awaitText().length(), "at the limit, over TLS");
      client.sendText("x".repeat(1001)); // the echo is one byte too big
      assertTrue(client.events().awaitFailed().getMessage().contains("maximum message size"));
    }
  }

  @Test
  void rfc7692_jettyCompressedEchoesPassTheGuardAtEverySize() {
    try (JettyServer jetty = JettyServer.start(); Harness harness = new Harness()) {
      Client client = harness.connect(jetty.uri("/echo"), b -> b.permessageDeflate(true));
      client.events().awaitOpened();
      for (int size : new int[] {0, 1, 125, 126, 65535, 65536, 3 << 20}) {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        Arrays.fill(data, 0, size / 2, (byte) 'a');
        client.sendBinary(data);
        assertArrayEquals(data, client.events().awaitBinary(), size + " bytes");
        String text = "\u00e9t\u00e9 \uD83D\uDE00 ".repeat(size / 10 + 1);
        client.sendText(text);
        assertEquals(text, client.events().awaitText(), size + " chars of text");
      }
    }
  }

  private static byte[] compress(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, n);
    }
    d.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4); // without the 00 00 FF FF tail (RFC 7692 7.2.1)
  }
}
