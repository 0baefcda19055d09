package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.tck.Clause;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 sections 5.5.2 and 5.5.3: a ping is answered by a pong with identical application
 * data; an unsolicited pong is ignored.
 *
 * <p>When one fails, check that pings are answered from the reader as soon as they are read (even
 * between fragments) with the same bytes, and that pongs never reach the application.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455PingPong extends ClauseGroup {

  /**
   * Verifies the pong carries exactly the ping's payload (0 and 125 bytes) and is masked.
   *
   * @param size the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "ping of {0} bytes")
  @ValueSource(ints = {0, 1, 125})
  @Clause(value = "RFC 6455 5.5.2 (Autobahn 2.1-2.4)", summary = "a ping is answered by a pong with identical payload")
  default void required_rfc6455_5_5_2_answersPingWithIdenticalPong(int size) {
    Opened o = openOnFixture();
    byte[] data = new byte[size];
    new java.util.Random(size).nextBytes(data);
    o.peer().send(Frame.ping(data));
    ReceivedFrame pong = o.peer().readFrame();
    assertEquals(Frame.PONG, pong.opcode(), "expected a pong, got " + pong);
    assertArrayEquals(data, pong.payload(), "pong payload");
    assertTrue(pong.fin(), "a pong is never fragmented");
  }

  /** Verifies a ping written one byte at a time is answered (Autobahn 2.6). */
  @Test
  @Clause(value = "RFC 6455 5.5.2 (Autobahn 2.6)", summary = "a ping that arrives byte by byte is answered")
  default void required_rfc6455_5_5_2_answersPingWrittenInPieces() {
    Opened o = openOnFixture();
    byte[] data = "chopped ping payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    o.peer().sendInPieces(Frame.ping(data).encode(), 1);
    ReceivedFrame pong = o.peer().readFrame();
    assertEquals(Frame.PONG, pong.opcode(), "expected a pong, got " + pong);
    assertArrayEquals(data, pong.payload(), "pong payload");
  }

  /** Verifies several pings in a row each get their own pong (Autobahn 2.10). */
  @Test
  @Clause(value = "RFC 6455 5.5.2 (Autobahn 2.10)", summary = "each of several pings is answered")
  default void required_rfc6455_5_5_2_answersEveryPing() {
    Opened o = openOnFixture();
    for (int i = 0; i < 10; i++) {
      o.peer().send(Frame.ping(("p" + i).getBytes()));
    }
    // RFC 6455 allows answering only the most recent ping when several are pending, so the last
    // pong must carry the last payload and every pong must echo some ping.
    String last = "";
    while (!last.equals("p9")) {
      ReceivedFrame pong = o.peer().readFrame();
      assertEquals(Frame.PONG, pong.opcode(), "expected pongs only, got " + pong);
      assertTrue(pong.text().matches("p[0-9]"), "pong payload " + pong.text());
      last = pong.text();
    }
  }

  /** Verifies an unsolicited pong changes nothing: the next message still arrives. */
  @Test
  @Clause(value = "RFC 6455 5.5.3 (Autobahn 2.7)", summary = "an unsolicited pong is ignored")
  default void required_rfc6455_5_5_3_ignoresUnsolicitedPong() {
    Opened o = openOnFixture();
    o.peer().send(Frame.pong("unsolicited".getBytes()), Frame.text("after"));
    assertEquals("after", o.client().events().awaitText());
    o.client().sendText("still open");
    ReceivedFrame f = o.peer().readFrame();
    assertEquals(Frame.TEXT, f.opcode(), "the client must not answer a pong: " + f);
  }
}
