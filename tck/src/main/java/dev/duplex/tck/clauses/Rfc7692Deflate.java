package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.Deflate;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.HandshakeRequest;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7692 permessage-deflate (optional): the offer, negotiation with Jetty's real implementation
 * and with the fixture (which checks the compressed bytes itself), server-imposed
 * {@code client_no_context_takeover}, {@code client_max_window_bits}, and messages of every size.
 *
 * <p>When one fails, check the offer the fixture recorded, that RSV1 is set on the first frame of
 * a compressed message only, and that the trailing {@code 00 00 FF FF} is removed.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc7692Deflate extends ClauseGroup {

  private Opened openDeflate(String responseExtension) {
    Client client = kit().connect(kit().fixture().uri("/deflate"), b -> b.permessageDeflate(true));
    FixturePeer peer = kit().fixture().accept();
    HandshakeRequest req = peer.readHandshake();
    peer.respond(FixturePeer.switchingProtocols(FixturePeer.acceptFor(req.key()),
        "Sec-WebSocket-Extensions: " + responseExtension));
    return new Opened(client, peer, client.events().awaitOpened());
  }

  private static byte[] readCompressedMessage(FixturePeer peer) {
    ReceivedFrame first = peer.readFrame();
    assertEquals(4, first.rsv(), "RSV1 marks the first frame of a compressed message: " + first);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(first.payload());
    ReceivedFrame f = first;
    while (!f.fin()) {
      f = peer.readFrame();
      assertEquals(0, f.rsv(), "RSV1 only on the first frame: " + f);
      all.writeBytes(f.payload());
    }
    return all.toByteArray();
  }

  /** Verifies permessage-deflate is offered when asked for. */
  @Test
  @Clause(value = "RFC 7692 5 (offer)", requires = Capability.PERMESSAGE_DEFLATE, summary = "permessage-deflate is offered")
  default void optional_rfc7692_5_offersPermessageDeflate() {
    kit().connect(kit().fixture().uri("/"), b -> b.permessageDeflate(true));
    HandshakeRequest r = kit().fixture().accept().readHandshake();
    assertTrue(r.tokens("Sec-WebSocket-Extensions").stream().anyMatch(t -> t.startsWith("permessage-deflate")),
        "the offer in " + r);
  }

  /** Verifies nothing is offered when the engine does not ask for it. */
  @Test
  @Clause(value = "RFC 7692 5 (no offer unless asked)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "nothing is offered when deflate is off")
  default void optional_rfc7692_5_offersNothingWhenDisabled() {
    kit().connect(kit().fixture().uri("/"), b -> b.permessageDeflate(false));
    HandshakeRequest r = kit().fixture().accept().readHandshake();
    assertEquals(java.util.List.of(), r.values("Sec-WebSocket-Extensions"), "extensions offered in " + r);
  }

  /**
   * Verifies messages of every size round-trip through Jetty with permessage-deflate in use.
   *
   * @param size the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 125, 126, 8191, 65536, 1 << 20})
  @Clause(value = "RFC 7692 7 (sizes) (Autobahn 12.x)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "messages of every size round-trip compressed through Jetty")
  default void optional_rfc7692_7_echoesEverySizeThroughJetty(int size) {
    Client client = kit().connect(kit().jetty().uri("/echo"), b -> b.permessageDeflate(true));
    assertTrue(client.events().awaitOpened().extensions().contains("permessage-deflate"), "negotiated extensions");
    byte[] random = new byte[size];
    new Random(size).nextBytes(random);
    String text = "compressible ".repeat(size / 13 + 1).substring(0, size);
    client.sendBinary(random);
    client.sendText(text);
    assertArrayEquals(random, client.events().awaitBinary(), "binary echo");
    assertEquals(text, client.events().awaitText(), "text echo");
  }

  /** Verifies the client's messages decompress with the fixture's window kept between messages. */
  @Test
  @Clause(value = "RFC 7692 7.2.1 (compressing)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "the client compresses messages correctly")
  default void optional_rfc7692_7_2_1_compressesClientMessages() {
    Opened o = openDeflate("permessage-deflate");
    Deflate inflater = new Deflate();
    for (int i = 0; i < 3; i++) {
      o.client().sendText("repeated message");
      assertEquals("repeated message", new String(inflater.decompress(readCompressedMessage(o.peer())),
          StandardCharsets.UTF_8));
    }
  }

  /** Verifies compressed server messages (context takeover, also fragmented) are decompressed. */
  @Test
  @Clause(value = "RFC 7692 7.2.2 (decompressing)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "compressed server messages, with context takeover and fragmented, are decompressed")
  default void optional_rfc7692_7_2_2_decompressesServerMessages() {
    Opened o = openDeflate("permessage-deflate");
    Deflate deflater = new Deflate();
    for (int i = 0; i < 3; i++) {
      o.peer().send(Frame.text(deflater.compress("hello again".getBytes(StandardCharsets.UTF_8))).rsv(4));
      assertEquals("hello again", o.client().events().awaitText());
    }
    byte[] c = deflater.compress("split into fragments".getBytes(StandardCharsets.UTF_8));
    int half = c.length / 2;
    o.peer().send(Frame.text(java.util.Arrays.copyOf(c, half)).rsv(4).fin(false),
        Frame.continuation(java.util.Arrays.copyOfRange(c, half, c.length)));
    assertEquals("split into fragments", o.client().events().awaitText());
  }

  /** Verifies a server-imposed client_no_context_takeover makes each message decompress alone. */
  @Test
  @Clause(value = "RFC 7692 7.1.1.2 (client_no_context_takeover imposed)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "client_no_context_takeover from the server is honoured")
  default void optional_rfc7692_7_1_1_2_honoursClientNoContextTakeover() {
    Opened o = openDeflate("permessage-deflate; client_no_context_takeover");
    for (int i = 0; i < 3; i++) {
      o.client().sendText("the same words again and again");
      assertEquals("the same words again and again",
          new String(new Deflate().decompress(readCompressedMessage(o.peer())), StandardCharsets.UTF_8),
          "message " + i + " must decompress without the previous messages' window");
    }
  }

  /** Verifies Jetty imposing client_no_context_takeover still echoes correctly. */
  @Test
  @Clause(value = "RFC 7692 7.1.1.2 (with Jetty)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "Jetty imposing client_no_context_takeover round-trips")
  default void optional_rfc7692_7_1_1_2_interoperatesWithJettyNoContextTakeover() {
    Client client = kit().connect(kit().jetty().uri("/deflate-no-context"), b -> b.permessageDeflate(true));
    assertTrue(client.events().awaitOpened().extensions().contains("client_no_context_takeover"),
        "negotiated extensions");
    for (int i = 0; i < 5; i++) {
      client.sendText("again " + "and again ".repeat(20));
      assertEquals("again " + "and again ".repeat(20), client.events().awaitText());
    }
  }

  /** Verifies a client_max_window_bits the client did not offer fails the connection. */
  @Test
  @Clause(value = "RFC 7692 7.1.2.2 (client_max_window_bits not offered)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "client_max_window_bits in the response without an offer fails")
  default void optional_rfc7692_7_1_2_2_failsOnUnofferedClientMaxWindowBits() {
    Client client = kit().connect(kit().fixture().uri("/"), b -> b.permessageDeflate(true));
    FixturePeer peer = kit().fixture().accept();
    HandshakeRequest req = peer.readHandshake();
    Assumptions.assumeFalse(req.tokens("Sec-WebSocket-Extensions").stream().anyMatch(t -> t.contains("client_max_window_bits")),
        "the transport offers client_max_window_bits, so a server may answer with it");
    peer.respond(FixturePeer.switchingProtocols(FixturePeer.acceptFor(req.key()),
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10"));
    client.events().awaitFailed();
  }

  /** Verifies the server's client_max_window_bits=15 answer to an offer is accepted. */
  @Test
  @Clause(value = "RFC 7692 7.1.2.2 (client_max_window_bits answered)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "client_max_window_bits from the server, when offered, is honoured")
  default void optional_rfc7692_7_1_2_2_honoursClientMaxWindowBitsWhenOffered() {
    Client client = kit().connect(kit().fixture().uri("/"), b -> b.permessageDeflate(true));
    FixturePeer peer = kit().fixture().accept();
    HandshakeRequest req = peer.readHandshake();
    Assumptions.assumeTrue(req.tokens("Sec-WebSocket-Extensions").stream().anyMatch(t -> t.contains("client_max_window_bits")),
        "the transport does not offer client_max_window_bits");
    peer.respond(FixturePeer.switchingProtocols(FixturePeer.acceptFor(req.key()),
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15"));
    client.events().awaitOpened();
    client.sendText("windowed");
    assertEquals("windowed", new String(new Deflate().decompress(readCompressedMessage(peer)), StandardCharsets.UTF_8));
  }

  /** Verifies RSV1 on a control frame fails the connection even with deflate negotiated. */
  @Test
  @Clause(value = "RFC 7692 6.1 (no RSV1 on control frames)", requires = Capability.PERMESSAGE_DEFLATE,
      summary = "RSV1 on a control frame fails (1002)")
  default void optional_rfc7692_6_1_failsOnCompressedControlFrame() {
    Opened o = openDeflate("permessage-deflate");
    o.peer().send(Frame.ping(new byte[] {1}).rsv(4));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }
}
