package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transport choice order that {@code WebSocketContext}'s class javadoc documents. */
class TransportSelectorTest {

  private static TransportProvider provider(String name, int priority) {
    return new TransportProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public Set<Capability> capabilities() {
        return Set.of();
      }

      @Override
      public Transport create(TransportConfig config) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private final TransportProvider nio = provider("nio", 10);
  private final TransportProvider jetty = provider("jetty", 5);
  private final TransportProvider okhttp = provider("okhttp", 5);
  private final List<TransportProvider> found = List.of(okhttp, nio, jetty);

  @Test
  void transportChoice_builderProviderComesFirst() {
    TransportProvider mine = provider("mine", -1);
    assertSame(mine, TransportSelector.select(mine, "jetty", "okhttp", found).provider());
  }

  @Test
  void transportChoice_builderNameBeatsTheSystemProperty() {
    assertSame(jetty, TransportSelector.select(null, "jetty", "okhttp", found).provider());
  }

  @Test
  void transportChoice_systemPropertyBeatsPriority() {
    assertSame(okhttp, TransportSelector.select(null, null, "okhttp", found).provider());
  }

  @Test
  void transportChoice_namesMatchIgnoringAsciiCaseOnly() {
    assertSame(okhttp, TransportSelector.select(null, null, "OkHttp", found).provider());
    assertSame(jetty, TransportSelector.select(null, "JETTY", null, found).provider());
    // Only A-Z fold: the Kelvin sign (U+212A), which equalsIgnoreCase would take for k, is no k.
    TransportProvider kafka = provider("kafka", 1);
    assertThrows(IllegalStateException.class,
        () -> TransportSelector.select(null, null, "\u212Aafka", List.of(kafka)));
  }

  @Test
  void transportChoice_highestPriorityThenName() {
    assertSame(nio, TransportSelector.select(null, null, null, found).provider());
    assertSame(jetty, TransportSelector.select(null, null, " ", List.of(okhttp, jetty)).provider());
  }

  @Test
  void transportChoice_missingNameIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TransportSelector.select(null, null, "netty", found));
    assertTrue(e.getMessage().contains("\"netty\""), e.getMessage());
    assertTrue(e.getMessage().contains("nio (priority 10)"), e.getMessage());
    assertTrue(e.getMessage().contains("duplex-transport-nio"), e.getMessage());
  }

  @Test
  void transportChoice_noneFoundIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TransportSelector.select(null, null, null, List.of()));
    assertEquals("No WebSocket transport was found. Add a transport to the class or module "
        + "path, for example dev.duplex:duplex-transport-nio, or pass one to "
        + "WebSocketContext.builder().transport(...).", e.getMessage());
  }
}
