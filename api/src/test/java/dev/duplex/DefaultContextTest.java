package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The default context, with no transport on this module's test path. */
class DefaultContextTest {

  @Test
  void defaultContext_withoutATransportIsAClearErrorEveryTime() {
    IllegalStateException first = assertThrows(IllegalStateException.class,
        WebSocketContext::defaultContext);
    assertTrue(first.getMessage().startsWith("No WebSocket transport was found."), first.getMessage());
    assertThrows(IllegalStateException.class, () -> WebSocket.open("ws://example.com/"));
    assertThrows(IllegalStateException.class,
        () -> WebSocket.open("ws://example.com/", List.of(), ws -> { }));
  }

  @Test
  void builder_namedTransportThatIsMissingIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WebSocketContext.builder().transport("nio").build());
    assertTrue(e.getMessage().contains("\"nio\""), e.getMessage());
  }

  @Test
  void builder_reportsNameOriginAndTransport() {
    try (WebSocketContext c = WebSocketContext.builder().name("n").origin("HTTPS://A.example:443/x")
        .transport(new ScriptedTransport("t", 0)).build()) {
      assertEquals("n", c.name());
      assertEquals("https://a.example", c.origin().orElseThrow());
      assertEquals("t", c.transportName());
      assertTrue(!c.isClosed());
    }
    assertThrows(IllegalArgumentException.class, () -> WebSocketContext.builder().origin("nohost"));
  }
}
