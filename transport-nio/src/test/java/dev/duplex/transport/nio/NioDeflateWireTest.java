package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.Handshake;
import dev.duplex.transport.nio.fixtures.DeflateDistances;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate (RFC 7692) parameters as they appear on the wire, with a scripted server. */
class NioDeflateWireTest extends WithTransport {

  private static byte[] inflate(Inflater inflater, byte[] payload) throws Exception {
    byte[] in = Arrays.copyOf(payload, payload.length + 4);
    in[in.length - 2] = (byte) 0xff;
    in[in.length - 1] = (byte) 0xff;
    inflater.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = inflater.inflate(buf)) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Test
  void rfc7692_7_1_2_2_offersClientMaxWindowBitsAndHonoursAValueBelow15() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      Connection c = transport.connect(ConnectRequest.builder(server.uri("/"))
          .permessageDeflate(true).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      assertEquals("permessage-deflate; client_max_window_bits",
          peer.header("Sec-WebSocket-Extensions"));
      peer.respond101("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=9");
      Handshake hs = listener.awaitOpened();
      assertEquals("permessage-deflate; client_max_window_bits=9", hs.extensions());
      byte[] phrase = new byte[2000];
      new Random(3).nextBytes(phrase);
      StringBuilder text = new StringBuilder();
      String chunk = new String(phrase, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < 30; i++) {
        text.append(chunk);
      }
      c.sendText(text.toString());
      c.sendText(text.toString());
      Inflater inflater = new Inflater(true);
      for (int i = 0; i < 2; i++) {
        ScriptedServer.Frame f = peer.readFrame();
        assertTrue(f.rsv1(), "compressed messages have RSV1");
        int reach = DeflateDistances.maxDistance(f.payload());
        assertTrue(reach <= 512, "a back-reference reaches " + reach + " bytes, beyond 2^9");
        assertEquals(text.toString(), new String(inflate(inflater, f.payload()), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void rfc7692_7_1_1_1_clientNoContextTakeoverResetsEveryMessage() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      Connection c = transport.connect(ConnectRequest.builder(server.uri("/"))
          .permessageDeflate(true).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      peer.respond101("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; "
          + "server_no_context_takeover");
      listener.awaitOpened();
      c.sendText("Hello Hello Hello");
      c.sendText("Hello Hello Hello");
      byte[] first = peer.readFrame().payload();
      byte[] second = peer.readFrame().payload();
      assertArrayEquals(first, second, "each message compressed on its own");
      assertEquals("Hello Hello Hello",
          new String(inflate(new Inflater(true), second), StandardCharsets.UTF_8));
      // The server compresses each message on its own too (RFC 7692 7.2.3.1 "Hello").
      peer.writeHex("c1 07 f2 48 cd c9 c9 07 00 c1 07 f2 48 cd c9 c9 07 00");
      assertEquals("Hello", listener.awaitText());
      assertEquals("Hello", listener.awaitText());
    }
  }

  @Test
  void rfc7692_deflateNotUsedWhenTheServerDeclines() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      Connection c = transport.connect(ConnectRequest.builder(server.uri("/"))
          .permessageDeflate(true).build(), listener);
      ScriptedServer.Peer peer = server.accept();
      peer.respond101();
      listener.awaitOpened();
      c.sendText("plain");
      ScriptedServer.Frame f = peer.readFrame();
      assertFalse(f.rsv1());
      assertEquals("plain", f.text());
      peer.writeHex("c1 07 f2 48 cd c9 c9 07 00"); // RSV1 though nothing was negotiated
      peer.expectClose(1002);
      listener.awaitFailed();
    }
  }

  @Test
  void rfc7692_7_1_badParametersFromTheServerFailTheHandshake() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      RecordingListener listener = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).permessageDeflate(true).build(),
          listener);
      server.accept().respond101("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=16");
      assertTrue(listener.awaitFailed().getMessage().contains("client_max_window_bits"));
    }
  }
}
