package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.CloseEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpdateSenderTest extends ServerFixture {
  @Test
  void w3cSection_bufferedAmountExample_sendsUpdatesEvery50MsWhileNothingIsBuffered()
      throws Exception {
    AtomicInteger sent = new AtomicInteger();
    // Four asks: ticks run one after another on the loop, so when the fourth update is asked
    // for, the third has been sent.
    CountDownLatch four = new CountDownLatch(4);
    long before = server.updatesReceived();

    UpdateSender sender = UpdateSender.start(context, url("/updates"), () -> {
      four.countDown();
      return "update " + sent.incrementAndGet();
    });
    assertTrue(four.await(WAIT_SECONDS, TimeUnit.SECONDS), "four ticks within the wait");
    sender.close();

    CloseEvent close = sender.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(1000, close.code());
    assertTrue(close.wasClean());
    // Clean close: the server read every message sent before the Close frame.
    assertTrue(server.updatesReceived() - before >= 3,
        "the server received " + (server.updatesReceived() - before) + " updates");
  }
}
