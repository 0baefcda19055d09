package dev.duplex.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The documented order, in memory: binding > system property > environment > priority. */
class TransportResolverTest {
  private static final TransportProvider A = named("alpha", 10);
  private static final TransportProvider B = named("beta", 20);
  private static final TransportProvider C = named("gamma", 20);
  private static final List<TransportProvider> FOUND = List.of(A, B, C);

  private static TransportProvider named(String name, int priority) {
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
        throw new UnsupportedOperationException("never created in this test");
      }
    };
  }

  private static TransportProvider resolve(Optional<TransportProvider> bound,
      Optional<String> boundName, String property, String environment) {
    return TransportResolver.resolve(bound, boundName, property, environment, FOUND).provider();
  }

  @Test
  void order_boundProvider_winsOverEverything() {
    TransportProvider given = named("given", 0);
    assertEquals(given, resolve(Optional.of(given), Optional.of("alpha"), "beta", "gamma"));
  }

  @Test
  void order_boundName_winsOverPropertyAndEnvironment() {
    assertEquals(A, resolve(Optional.empty(), Optional.of("alpha"), "beta", "gamma"));
  }

  @Test
  void order_property_winsOverEnvironment() {
    assertEquals(B, resolve(Optional.empty(), Optional.empty(), "beta", "alpha"));
  }

  @Test
  void order_environment_winsOverPriority() {
    assertEquals(A, resolve(Optional.empty(), Optional.empty(), null, "alpha"));
  }

  @Test
  void order_nothingNamed_highestPriorityThenName() {
    assertEquals(B, resolve(Optional.empty(), Optional.empty(), "", "  "));
  }

  @Test
  void names_matchIgnoringAsciiCaseAndBlanks() {
    assertEquals(C, resolve(Optional.empty(), Optional.empty(), " GAMMA ", null));
    assertEquals(B, resolve(Optional.empty(), Optional.of("Beta"), null, null));
    assertEquals(A, resolve(Optional.empty(), Optional.empty(), null, "ALPHA"));
  }

  @Test
  void names_foldNoLetterOutsideAscii() {
    // The Kelvin sign (U+212A) lowers to k in Java, but it is no ASCII K: no match, as in duplex-api.
    TransportProvider kafka = named("kafka", 1);
    assertThrows(IllegalStateException.class, () -> TransportResolver.resolve(Optional.empty(),
        Optional.empty(), "\u212Aafka", null, List.of(kafka)));
  }

  @Test
  void unknownName_namesItsSourceAndEveryTransportFound() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> resolve(Optional.empty(), Optional.empty(), null, "delta"));
    assertEquals("The WebSocket transport \"delta\" named by the environment variable "
        + "DUPLEX_TRANSPORT is not on the class path. On the class path: alpha (priority 10, "
        + A.getClass().getName() + "), beta (priority 20, " + B.getClass().getName()
        + "), gamma (priority 20, " + C.getClass().getName() + "). Name one of those, or add "
        + "the transport's artifact (for example dev.duplex:duplex-transport-delta).",
        e.getMessage());
  }

  @Test
  void noTransportAtAll_saysHowToAddOne() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TransportResolver.resolve(Optional.empty(), Optional.empty(), null, null,
            List.of()));
    assertTrue(e.getMessage().contains("dev.duplex:duplex-transport-nio"), e.getMessage());
  }
}
