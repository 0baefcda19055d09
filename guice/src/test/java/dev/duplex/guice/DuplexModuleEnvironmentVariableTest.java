package dev.duplex.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import dev.duplex.WebSocketContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The environment variable {@code DUPLEX_TRANSPORT} and its place in the order. Runs in a JVM of
 * its own that surefire starts with {@code DUPLEX_TRANSPORT=okhttp} (execution
 * {@code environment-variable} in this module's pom).
 */
class DuplexModuleEnvironmentVariableTest extends InjectorFixture {
  @BeforeEach
  void environmentNamesOkHttp() {
    assertEquals("okhttp", System.getenv(DuplexModule.ENVIRONMENT_VARIABLE),
        "surefire must start this class with DUPLEX_TRANSPORT=okhttp");
  }

  @Test
  void transportChoice_environmentVariable_swapsTheTransport() throws Exception {
    WebSocketContext context = inject(new DuplexModule());
    assertEquals("okhttp", context.transportName());
    assertEquals("by environment", Conversation.echo(context, server.echoUri(), "by environment"));
  }

  @Test
  void transportChoice_systemProperty_winsOverTheEnvironmentVariable() throws Exception {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, "jetty");
    WebSocketContext context = inject(new DuplexModule());
    assertEquals("jetty", context.transportName());
    assertEquals("property first", Conversation.echo(context, server.echoUri(), "property first"));
  }

  @Test
  void transportChoice_binding_winsOverTheEnvironmentVariable() throws Exception {
    WebSocketContext context = inject(Modules.override(new DuplexModule())
        .with(binder -> binder.bind(DuplexKeys.TRANSPORT).toInstance("nio")));
    assertEquals("nio", context.transportName());
    assertEquals("binding first", Conversation.echo(context, server.echoUri(), "binding first"));
  }

  @Test
  void transportChoice_blankSystemProperty_fallsThroughToTheEnvironmentVariable() {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, " ");
    assertEquals("okhttp", inject(new DuplexModule()).transportName());
  }

  @Test
  void transportChoice_unknownNameInTheSystemProperty_isReportedEvenWithTheVariableSet() {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, "carrier-pigeon");
    CreationException e = assertThrows(() -> Guice.createInjector(new DuplexModule()));
    assertTrue(e.getCause().getMessage().contains("named by the system property duplex.transport"),
        e.getCause().getMessage());
  }

  private static CreationException assertThrows(org.junit.jupiter.api.function.Executable run) {
    return org.junit.jupiter.api.Assertions.assertThrows(CreationException.class, run);
  }
}
