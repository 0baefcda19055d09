package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.tck.Clause;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 section 6.1: sending data. What the client sends is reassembled by the fixture (a
 * transport may fragment) and compared byte for byte; the spi's {@code transmitted} accounting is
 * checked alongside since the api's {@code bufferedAmount} depends on it.
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455Messages extends ClauseGroup {

  /**
   * Reads one whole message the client sent (any fragmentation, control frames skipped).
   *
   * @param o the connection
   * @return the opcode of the first frame and the payload
   */
  private Object[] readMessage(Opened o) {
    ReceivedFrame first = o.peer().readFrame();
    while (first.opcode() == Frame.PING || first.opcode() == Frame.PONG) {
      first = o.peer().readFrame();
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(first.payload());
    ReceivedFrame f = first;
    while (!f.fin()) {
      f = o.peer().readFrame();
      if (f.opcode() == Frame.CONTINUATION) {
        all.writeBytes(f.payload());
      } else if (f.opcode() < 8) {
        throw new AssertionError("A new data frame " + f + " inside a fragmented message");
      }
    }
    return new Object[] {first.opcode(), all.toByteArray()};
  }

  /** Verifies a text message is sent as opcode 1 with its UTF-8 bytes, including non-ASCII. */
  @Test
  @Clause(value = "RFC 6455 6.1 (text)", summary = "text is sent as UTF-8 in a text message")
  default void required_rfc6455_6_1_sendsTextAsUtf8() {
    Opened o = openOnFixture();
    String text = "h\u00e9llo \u20ac \uD83D\uDE00";
    o.client().sendText(text);
    Object[] m = readMessage(o);
    assertEquals(Frame.TEXT, m[0], "opcode");
    assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), (byte[]) m[1]);
  }

  /** Verifies a binary message is sent as opcode 2 with exactly the buffer's remaining bytes. */
  @Test
  @Clause(value = "RFC 6455 6.1 (binary)", summary = "binary is sent byte for byte in a binary message")
  default void required_rfc6455_6_1_sendsBinary() {
    Opened o = openOnFixture();
    ByteBuffer view = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3).slice();
    o.client().connection().sendBinary(view);
    Object[] m = readMessage(o);
    assertEquals(Frame.BINARY, m[0], "opcode");
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) m[1]);
  }

  /** Verifies a large message (1 MiB) arrives whole, and messages keep their order. */
  @Test
  @Clause(value = "RFC 6455 6.1 (large messages, order)", summary = "a 1 MiB message and a burst arrive whole and in order")
  default void required_rfc6455_6_1_sendsLargeMessagesInOrder() {
    Opened o = openOnFixture();
    byte[] big = new byte[1 << 20];
    new java.util.Random(1).nextBytes(big);
    o.client().sendBinary(big);
    for (int i = 0; i < 50; i++) {
      o.client().sendText("n" + i);
    }
    assertArrayEquals(big, (byte[]) readMessage(o)[1]);
    for (int i = 0; i < 50; i++) {
      assertEquals("n" + i, new String((byte[]) readMessage(o)[1], StandardCharsets.UTF_8));
    }
  }

  /**
   * Verifies {@code transmitted} reports exactly the application bytes written.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Test
  @Clause(value = "Duplex SPI transmitted (W3C 4 bufferedAmount)",
      summary = "transmitted sums to the UTF-8 and binary bytes sent")
  default void required_spi_transmitted_reportsApplicationBytes() throws InterruptedException {
    Opened o = openOnFixture();
    o.client().sendText("\u00e9\uD83D\uDE00");
    o.client().sendBinary(new byte[1000]);
    readMessage(o);
    readMessage(o);
    long deadline = System.nanoTime() + Timeouts.WAIT.toNanos();
    while (o.client().events().transmittedBytes() < 1006 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.sleep(5);
    }
    assertEquals(2 + 4 + 1000, o.client().events().transmittedBytes(), "bytes reported as transmitted");
  }
}
