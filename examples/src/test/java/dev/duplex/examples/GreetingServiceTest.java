package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.duplex.guice.DuplexLifecycle;
import dev.duplex.guice.DuplexModule;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GreetingServiceTest extends ServerFixture {
  private Injector injector;

  @AfterEach
  void shutDown() {
    System.clearProperty(DuplexModule.SYSTEM_PROPERTY);
    if (injector != null) {
      injector.getInstance(DuplexLifecycle.class).close();
    }
  }

  private GreetingService inEnvironment(String environment) {
    injector = Guice.createInjector(GreetingService.forEnvironment(environment));
    return injector.getInstance(GreetingService.class);
  }

  @Test
  void guiceExample_ciEnvironment_usesOkHttpByBindingOverride() throws Exception {
    GreetingService service = inEnvironment("ci");
    assertEquals("okhttp", service.transport());
    assertEquals("hello, ci",
        service.greet(url("/echo"), "ci").get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void guiceExample_devEnvironment_usesTheClassPathDefault() throws Exception {
    System.clearProperty(DuplexModule.SYSTEM_PROPERTY);
    GreetingService service = inEnvironment("dev");
    assertEquals("nio", service.transport());
    assertEquals("hello, dev",
        service.greet(url("/echo"), "dev").get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void guiceExample_devEnvironment_followsTheSystemProperty() throws Exception {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, "okhttp");
    GreetingService service = inEnvironment("dev");
    assertEquals("okhttp", service.transport());
    assertEquals("hello, prop",
        service.greet(url("/echo"), "prop").get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void guiceExample_unknownEnvironment_isRefusedWithASentence() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GreetingService.forEnvironment("moon"));
    assertEquals("Unknown environment \"moon\"; expected dev or ci.", e.getMessage());
  }
}
