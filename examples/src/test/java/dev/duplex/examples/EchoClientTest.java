package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EchoClientTest extends ServerFixture {
  @Test
  void echoClient_getsItsMessageBackOverLoopback() throws Exception {
    assertEquals("hello, echo", EchoClient.echo(context, url("/echo"), "hello, echo")
        .get(WAIT_SECONDS, TimeUnit.SECONDS));
  }
}
