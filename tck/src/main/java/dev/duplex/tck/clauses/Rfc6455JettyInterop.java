package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.Handshake;
import dev.duplex.tck.Clause;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperation with a real, well-behaved server (Jetty 12): echo of every size, many messages,
 * subprotocol selection, Set-Cookie on the handshake, and a clean close.
 *
 * <p>When one fails while the fixture-based clauses pass, compare the transport's framing with
 * what Jetty expects (Jetty's own log at DEBUG explains its close codes).
 *
 * <p>Threading: JUnit's test thread.
 */
public interface Rfc6455JettyInterop extends ClauseGroup {

  /**
   * Verifies text and binary messages of every size round-trip through Jetty.
   *
   * @param size the case under test, one of the @ValueSource values
   */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 125, 126, 65535, 65536, 4 << 20})
  @Clause(value = "RFC 6455 5.2 / 6 (echo through Jetty) (Autobahn 1.1-1.2, 9.1-9.2)",
      summary = "messages of every size round-trip through Jetty")
  default void required_rfc6455_6_echoesEverySizeThroughJetty(int size) {
    Client client = kit().connect(kit().jetty().uri("/echo"));
    client.events().awaitOpened();
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    String text = "\u00e9\u20ac".repeat(size / 5 + 1);
    client.sendBinary(data);
    client.sendText(text);
    assertArrayEquals(data, client.events().awaitBinary(), "binary echo");
    assertEquals(text, client.events().awaitText(), "text echo");
  }

  /** Verifies 1000 messages from Jetty arrive in order. */
  @Test
  @Clause(value = "RFC 6455 6.2 (many messages, order)", summary = "1000 messages from Jetty arrive in order")
  default void required_rfc6455_6_2_receivesManyMessagesInOrder() {
    Client client = kit().connect(kit().jetty().uri("/burst/1000"));
    client.events().awaitOpened();
    for (int i = 0; i < 1000; i++) {
      assertEquals(Integer.toString(i), client.events().awaitText());
    }
  }

  /** Verifies Jetty's subprotocol choice and Set-Cookie header are reported. */
  @Test
  @Clause(value = "RFC 6455 4.1 (subprotocol and headers from a real server)",
      summary = "Jetty's selected subprotocol and Set-Cookie are reported")
  default void required_rfc6455_4_1_reportsJettyProtocolAndCookie() {
    Client client = kit().connect(kit().jetty().uri("/echo"), b -> b.protocols(List.of("v2.duplex", "v1.duplex")));
    Handshake h = client.events().awaitOpened();
    assertEquals("v2.duplex", h.protocol(), "selected subprotocol");
    assertEquals(1, h.header("Set-Cookie").stream().filter(c -> c.startsWith("tck-session=jetty42")).count(),
        "Set-Cookie in " + h.headers());
  }

  /** Verifies a client-initiated close with Jetty completes cleanly with the code echoed. */
  @Test
  @Clause(value = "RFC 6455 7.1.2 (clean close with a real server)", summary = "a close with Jetty is clean")
  default void required_rfc6455_7_1_2_closesCleanlyWithJetty() {
    Client client = kit().connect(kit().jetty().uri("/echo"));
    client.events().awaitOpened();
    client.close(1000, "done");
    TransportEvent end = client.events().awaitTerminal();
    assertEquals(TransportEvent.Kind.CLOSED, end.kind(), "terminal " + end);
    assertEquals(1000, end.code(), "code echoed by Jetty");
    assertEquals(true, end.wasClean(), "clean");
  }
}
