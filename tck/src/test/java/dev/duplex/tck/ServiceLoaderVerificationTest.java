package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** -Dduplex.tck.transport=NAME finds the provider through ServiceLoader, and says so when it cannot. */
class ServiceLoaderVerificationTest {

  private static Events runOneClause(String transport) {
    String before = System.getProperty(ServiceLoaderVerification.PROPERTY);
    if (transport == null) {
      System.clearProperty(ServiceLoaderVerification.PROPERTY);
    } else {
      System.setProperty(ServiceLoaderVerification.PROPERTY, transport);
    }
    try {
      return EngineTestKit.engine("junit-jupiter")
          .selectors(selectMethod(ServiceLoaderVerification.class, "required_rfc6455_4_1_sendsHostHeader"))
          .execute().testEvents();
    } finally {
      if (before == null) {
        System.clearProperty(ServiceLoaderVerification.PROPERTY);
      } else {
        System.setProperty(ServiceLoaderVerification.PROPERTY, before);
      }
    }
  }

  @Test
  void runsTheKitAgainstTheNamedProvider() {
    Events events = runOneClause("reference");
    assertEquals(1, events.succeeded().count(), "the clause passes against the reference transport");
  }

  @Test
  void failsWithASentenceNamingWhatWasFound_whenNoProviderHasTheName() {
    Events events = runOneClause("no-such-transport");
    assertEquals(1, events.failed().count());
    String message = events.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
    assertTrue(message.contains("No TransportProvider named 'no-such-transport'") && message.contains("reference"), message);
  }

  @Test
  void failsAskingForTheProperty_whenItIsMissing() {
    Events events = runOneClause(null);
    assertEquals(1, events.failed().count());
  }
}
