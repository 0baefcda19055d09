package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LampClientTest extends ServerFixture {
  @Test
  void w3cSection_onmessageExample_switchesTheLampAsTheServerSays() throws Exception {
    List<String> switched = new CopyOnWriteArrayList<>();
    CountDownLatch unplugged = new CountDownLatch(1);

    LampClient.connect(context, url("/lamp"), new LampClient.Lamp() {
      @Override
      public void turnLampOn() {
        switched.add("on");
      }

      @Override
      public void turnLampOff() {
        switched.add("off");
      }

      @Override
      public void unplugged() {
        unplugged.countDown();
      }
    });

    assertTrue(unplugged.await(WAIT_SECONDS, TimeUnit.SECONDS), "the server closes after three");
    assertEquals(List.of("on", "off", "on"), switched);
  }
}
