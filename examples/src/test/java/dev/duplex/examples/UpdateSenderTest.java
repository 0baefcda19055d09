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
    CountDownLatch three = new CountDownLatch(3);
    long before = server.updatesReceived();

    UpdateSender sender = UpdateSender.start(context, url("/updates"), () -> {
      three.countDown();
      return "update " + sent.incrementAndGet();
    });
    assertTrue(three.await(WAIT_SECONDS, TimeUnit.SECONDS), "three updates within the wait");
    sender.close();

    CloseEvent close = sender.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(1000, close.code());
    assertTrue(close.wasClean());
    // Clean close: the server read every message sent before the Close frame.
    assertTrue(server.updatesReceived() - before >= 3,
        "the server received " + (server.updatesReceived() - before) + " updates");
  }
}
