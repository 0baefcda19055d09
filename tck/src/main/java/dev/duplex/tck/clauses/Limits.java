package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import org.junit.jupiter.api.Test;

/**
 * Limits: the maximum message size (RFC 6455 7.4.1, code 1009) and the handshake timeout (RFC
 * 6455 4.1 lets a client bound the opening handshake; W3C 4 reports it as 1006).
 *
 * <p>When one fails, check that the size is counted over all fragments (after decompression) and
 * that the failure sends Close 1009 before closing TCP.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Limits extends ClauseGroup {

  /** Verifies a message exactly at the limit is delivered. */
  @Test
  @Clause(value = "RFC 6455 7.4.1 (1009: at the limit)", requires = Capability.MAX_MESSAGE_SIZE,
      summary = "a message at the maximum size is delivered")
  default void optional_limits_deliversMessageAtTheLimit() {
    Opened o = openOnFixture(b -> b.maxMessageSize(1000));
    o.peer().send(Frame.binary(new byte[1000]));
    assertArrayEquals(new byte[1000], o.client().events().awaitBinary());
  }

  /** Verifies a message one byte over the limit fails the connection with 1009. */
  @Test
  @Clause(value = "RFC 6455 7.4.1 (1009: too big)", requires = Capability.MAX_MESSAGE_SIZE,
      summary = "a message over the maximum size fails with 1009")
  default void optional_limits_failsWith1009OnOversizedMessage() {
    Opened o = openOnFixture(b -> b.maxMessageSize(1000));
    o.peer().send(Frame.binary(new byte[1001]));
    Expect.failsWith(o.client(), o.peer(), 1009);
  }

  /** Verifies fragments that together exceed the limit fail the connection with 1009. */
  @Test
  @Clause(value = "RFC 6455 7.4.1 (1009: fragmented) (Autobahn 9.x)", requires = Capability.MAX_MESSAGE_SIZE,
      summary = "fragments over the maximum size fail with 1009")
  default void optional_limits_failsWith1009OnOversizedFragments() {
    Opened o = openOnFixture(b -> b.maxMessageSize(1000));
    o.peer().send(Frame.text("x".repeat(600)).fin(false), Frame.continuation(new byte[600]).fin(false));
    Expect.failsWith(o.client(), o.peer(), 1009);
  }

  /** Verifies a small compressed message that inflates beyond the limit fails with 1009 (a "zip bomb"). */
  @Test
  @Clause(value = "RFC 7692 / RFC 6455 7.4.1 (1009 after decompression)",
      requires = {Capability.MAX_MESSAGE_SIZE, Capability.PERMESSAGE_DEFLATE},
      summary = "a compressed message that inflates over the limit fails with 1009")
  default void optional_limits_failsWith1009WhenDecompressedMessageIsTooBig() {
    Client client = kit().connect(kit().fixture().uri("/bomb"), b -> b.permessageDeflate(true).maxMessageSize(10_000));
    FixturePeer peer = kit().fixture().accept();
    dev.duplex.tck.fixture.HandshakeRequest req = peer.readHandshake();
    peer.respond(FixturePeer.switchingProtocols(FixturePeer.acceptFor(req.key()),
        "Sec-WebSocket-Extensions: permessage-deflate"));
    client.events().awaitOpened();
    byte[] bomb = new dev.duplex.tck.fixture.Deflate().compress(new byte[1 << 20]);
    peer.send(Frame.binary(bomb).rsv(4));
    Expect.failsWith(client, peer, 1009);
  }

  /** Verifies a server that never answers the handshake makes the connection fail in time. */
  @Test
  @Clause(value = "RFC 6455 4.1 (handshake timeout)", requires = Capability.HANDSHAKE_TIMEOUT,
      summary = "a handshake that never completes fails after the timeout")
  default void optional_limits_failsWhenHandshakeNeverCompletes() {
    Client client = kit().connect(kit().fixture().uri("/silent"), b -> b.handshakeTimeout(Timeouts.POLICY));
    FixturePeer peer = kit().fixture().accept();
    peer.readHandshake();
    client.events().awaitFailed();
    peer.awaitEof();
  }
}
