package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.tck.Clause;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 section 5: the base framing protocol, both ways. What the client sends is checked on
 * the wire by the fixture (masking, reserved bits, length forms); what the server sends wrongly
 * must fail the connection with 1002 on the wire where the transport sends a Close frame at all.
 *
 * <p>When one fails, compare the frames the fixture recorded with RFC 6455 figure 1 (5.2).
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455Framing extends ClauseGroup {

  /** Verifies every client frame, data and close, is masked, each with a fresh key. */
  @Test
  @Clause(value = "RFC 6455 5.3", requires = Capability.FRAME_MASKING,
      summary = "every client frame is masked with a fresh key")
  default void required_rfc6455_5_3_masksEveryFrameWithFreshKey() {
    Opened o = openOnFixture();
    for (int i = 0; i < 4; i++) {
      o.client().sendText("message " + i);
    }
    o.client().sendBinary(new byte[] {1, 2, 3});
    o.client().close(1000, "done");
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      ReceivedFrame f = o.peer().readFrame();
      assertTrue(f.masked(), "client frame " + f + " must be masked");
      keys.add(java.util.HexFormat.of().formatHex(f.maskKey()));
    }
    assertEquals(6, keys.size(), "each frame needs a fresh masking key, got " + keys);
  }

  /** Verifies a client frame carries no reserved bits when no extension is negotiated. */
  @Test
  @Clause(value = "RFC 6455 5.2 (RSV1-3 zero)", summary = "client frames carry no reserved bits")
  default void required_rfc6455_5_2_sendsNoReservedBits() {
    Opened o = openOnFixture();
    o.client().sendText("plain");
    assertEquals(0, o.peer().readFrame().rsv(), "reserved bits without an extension");
  }

  /**
   * Verifies the payload length uses the shortest of the 7-, 16- and 64-bit forms.
   *
   * @param size the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "payload of {0} bytes")
  @ValueSource(ints = {0, 125, 126, 65535, 65536})
  @Clause(value = "RFC 6455 5.2 (payload length)", summary = "7/16/64-bit lengths, shortest form")
  default void required_rfc6455_5_2_usesShortestLengthForm(int size) {
    Opened o = openOnFixture();
    o.client().sendBinary(new byte[size]);
    ReceivedFrame f = o.peer().readFrame();
    int expected = size < 126 ? 7 : size < 65536 ? 16 : 64;
    assertEquals(size, f.payload().length, "payload length");
    assertEquals(expected, f.lengthBits(), "length form for " + size + " bytes");
  }

  /** Verifies frames with 7-, 16- and 64-bit lengths from the server are read. */
  @Test
  @Clause(value = "RFC 6455 5.2 (payload length, receiving)", summary = "7/16/64-bit lengths are read")
  default void required_rfc6455_5_2_readsEveryLengthForm() {
    Opened o = openOnFixture();
    for (int size : new int[] {0, 125, 126, 65535, 65536, 200_000}) {
      byte[] data = new byte[size];
      new java.util.Random(size).nextBytes(data);
      o.peer().send(Frame.binary(data));
      assertTrue(java.util.Arrays.equals(data, o.client().events().awaitBinary()), size + " bytes");
    }
  }

  /** Verifies a masked frame from the server fails the connection. */
  @Test
  @Clause(value = "RFC 6455 5.1", summary = "a masked server frame fails the connection (1002)")
  default void required_rfc6455_5_1_failsOnMaskedServerFrame() {
    Opened o = openOnFixture();
    o.peer().send(Frame.text("masked").masked(new byte[] {1, 2, 3, 4}));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /**
   * Verifies reserved bits without a negotiated extension fail the connection.
   *
   * @param rsv the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "RSV bits {0}")
  @ValueSource(ints = {4, 2, 1, 7})
  @Clause(value = "RFC 6455 5.2 (RSV) (Autobahn 3.1-3.7)", summary = "reserved bits fail the connection (1002)")
  default void required_rfc6455_5_2_failsOnReservedBits(int rsv) {
    Opened o = openOnFixture();
    o.peer().send(Frame.text("rsv").rsv(rsv));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /**
   * Verifies reserved data and control opcodes fail the connection.
   *
   * @param opcode the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "opcode {0}")
  @ValueSource(ints = {3, 7, 0xB, 0xF})
  @Clause(value = "RFC 6455 5.2 (opcodes) (Autobahn 4.1-4.2)", summary = "reserved opcodes fail the connection (1002)")
  default void required_rfc6455_5_2_failsOnReservedOpcode(int opcode) {
    Opened o = openOnFixture();
    o.peer().send(Frame.of(opcode, new byte[] {1}));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /** Verifies a fragmented text message is reassembled, in two and in many fragments. */
  @Test
  @Clause(value = "RFC 6455 5.4 (Autobahn 5.3-5.8)", summary = "fragmented messages are reassembled")
  default void required_rfc6455_5_4_reassemblesFragments() {
    Opened o = openOnFixture();
    o.peer().send(Frame.text("Hello, ").fin(false), Frame.continuation("world".getBytes()).fin(true));
    assertEquals("Hello, world", o.client().events().awaitText());
    o.peer().send(Frame.binary(new byte[] {1}).fin(false), Frame.continuation(new byte[0]).fin(false),
        Frame.continuation(new byte[] {2, 3}).fin(false), Frame.continuation(new byte[] {4}));
    assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3, 4}, o.client().events().awaitBinary()));
  }

  /** Verifies control frames between fragments are handled (ping answered) without breaking the message. */
  @Test
  @Clause(value = "RFC 6455 5.4 (control frames interleaved) (Autobahn 5.6-5.8)",
      summary = "a ping between fragments is answered and the message still arrives whole")
  default void required_rfc6455_5_4_acceptsControlFramesBetweenFragments() {
    Opened o = openOnFixture();
    o.peer().send(Frame.text("frag").fin(false), Frame.ping("p".getBytes()), Frame.pong(new byte[0]),
        Frame.continuation("ment".getBytes()));
    ReceivedFrame pong = o.peer().readFrame();
    assertEquals(Frame.PONG, pong.opcode(), "expected the pong, got " + pong);
    assertEquals("fragment", o.client().events().awaitText());
  }

  /** Verifies a continuation frame with nothing to continue fails the connection. */
  @Test
  @Clause(value = "RFC 6455 5.4 (Autobahn 5.9)", summary = "a continuation without a start fails (1002)")
  default void required_rfc6455_5_4_failsOnContinuationWithoutStart() {
    Opened o = openOnFixture();
    o.peer().send(Frame.continuation("orphan".getBytes()));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /** Verifies a new data frame inside a fragmented message fails the connection. */
  @Test
  @Clause(value = "RFC 6455 5.4 (Autobahn 5.18)", summary = "a new message inside a fragmented one fails (1002)")
  default void required_rfc6455_5_4_failsOnNewMessageInsideFragmentedMessage() {
    Opened o = openOnFixture();
    o.peer().send(Frame.text("first").fin(false), Frame.text("second"));
    Expect.failsWith(o.client(), o.peer(), 1002);
  }

  /** Verifies a fragmented control frame fails the connection. */
  @Test
  @Clause(value = "RFC 6455 5.5 (fragmented control) (Autobahn 5.1)", summary = "a fragmented ping fails (1002)")
  default void required_rfc6455_5_5_failsOnFragmentedControlFrame() {
    Opened o = openOnFixture();
    o.peer().send(Frame.ping("a".getBytes()).fin(false), Frame.continuation("b".getBytes()));
    Expect.failsWith(o.client(), o.peer(), 1002);
    assertTrue(o.peer().received().stream().noneMatch(f -> f.opcode() == Frame.PONG),
        "a fragmented ping must not be answered: " + o.peer().received());
  }

  /** Verifies a control frame with more than 125 bytes of payload fails the connection. */
  @Test
  @Clause(value = "RFC 6455 5.5 (control payload <= 125) (Autobahn 2.5)", summary = "a 126-byte ping fails (1002)")
  default void required_rfc6455_5_5_failsOnOversizedControlFrame() {
    Opened o = openOnFixture();
    o.peer().send(Frame.ping(new byte[126]));
    ReceivedFrame next = o.peer().readCloseOrEof();
    o.client().events().awaitFailed();
    if (next != null) {
      assertEquals(1002, next.closeCode(), "Close code when failing on an oversized ping");
    }
    assertTrue(o.peer().received().stream().noneMatch(f -> f.opcode() == Frame.PONG),
        "an oversized ping must not be answered: " + o.peer().received());
  }

  /** Verifies many messages in a burst arrive whole and in order. */
  @Test
  @Clause(value = "RFC 6455 5.6 / 6.2 (order)", summary = "a burst of messages arrives whole and in order")
  default void required_rfc6455_6_2_deliversMessagesInOrder() {
    Opened o = openOnFixture();
    Frame[] burst = new Frame[200];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = Frame.text("m" + i);
    }
    o.peer().send(burst);
    for (int i = 0; i < burst.length; i++) {
      assertEquals("m" + i, o.client().events().awaitText());
    }
    assertEquals(List.of(), o.client().events().violations());
  }
}
