package dev.duplex.tck.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.BinaryType;
import dev.duplex.CloseEvent;
import dev.duplex.MessageEvent;
import dev.duplex.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the api handlers of one socket saw, in order, and where each ran: on which thread, and
 * whether inside a transport's callback (inline, as {@link SpiBoundary#inCallback()} tells). For
 * tests of {@link dev.duplex.spi.Transport#allowsInlineDispatch()} through the api.
 *
 * <p>Threading: the handlers record from whatever thread runs them; the waits are for one test
 * thread.
 */
public final class HandlerLog {
  /** How long each wait lasts, in seconds. */
  public static final long WAIT_SECONDS = 10;

  private final BlockingQueue<Run> runs = new LinkedBlockingQueue<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile CloseEvent close;

  /**
   * One handler's run.
   *
   * @param what the message (binary as {@code "binary:"} and its UTF-8), or {@code "close CODE"}
   * @param thread the name of the thread it ran on
   * @param inline whether it ran inside a transport's callback
   */
  public record Run(String what, String thread, boolean inline) {
    /**
     * @param what what the handler saw
     * @return the run of the calling handler, now
     */
    public static Run now(String what) {
      return new Run(what, Thread.currentThread().getName(), SpiBoundary.inCallback());
    }
  }

  /** Creates an empty log. */
  public HandlerLog() {}

  /**
   * Sets {@code ws}'s binary type to array buffers and its handlers to record open, every message
   * and close. Call it from the {@code init} of {@code open}, before any event.
   *
   * @param ws the socket
   */
  public void attach(WebSocket ws) {
    ws.binaryType(BinaryType.ARRAYBUFFER);
    ws.onopen(e -> opened.countDown());
    ws.onmessage(e -> record(Run.now(text(e))));
    ws.onclose(e -> {
      close = e;
      record(Run.now("close " + e.code()));
      closed.countDown();
    });
  }

  /** @param run a run to record, for handlers set after {@link #attach} */
  public void record(Run run) {
    runs.add(run);
  }

  /**
   * @param e a message event
   * @return its text, or {@code "binary:"} followed by its bytes read as UTF-8
   */
  public static String text(MessageEvent e) {
    if (e.isText()) {
      return e.text();
    }
    ByteBuffer b = e.arrayBuffer().duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return "binary:" + new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * @return the next run recorded
   * @throws InterruptedException if interrupted while waiting
   */
  public Run next() throws InterruptedException {
    Run r = runs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(r, "no event within " + WAIT_SECONDS + " s");
    return r;
  }

  /** @throws InterruptedException if interrupted while waiting */
  public void awaitOpen() throws InterruptedException {
    assertTrue(opened.await(WAIT_SECONDS, TimeUnit.SECONDS), "not open");
  }

  /**
   * Waits for the close event and checks it.
   *
   * @param code the close code expected
   * @param wasClean whether the close must be clean
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose(int code, boolean wasClean) throws InterruptedException {
    assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS), "not closed");
    assertEquals(code, close.code(), "close code");
    assertEquals(wasClean, close.wasClean(), "wasClean");
  }
}
