package dev.duplex.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.duplex.CloseEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.spi.FailureObserver;
import dev.duplex.spi.TransportConfig;
import dev.duplex.tck.fixture.RefusingPort;
import dev.duplex.transport.okhttp.OkHttpTransportProvider;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's Guice module with real injectors, the real transports and a real Jetty server on
 * loopback. The environment variable is proven in {@link DuplexModuleEnvironmentVariableTest}
 * (its own JVM); this JVM runs without {@code DUPLEX_TRANSPORT}.
 */
class DuplexModuleTest extends InjectorFixture {
  @BeforeEach
  void noTransportFromTheEnvironment() {
    assertNull(System.getenv(DuplexModule.ENVIRONMENT_VARIABLE),
        "this class must run without DUPLEX_TRANSPORT (see the surefire configuration)");
  }

  private static Module transportNamed(String name) {
    return binder -> binder.bind(DuplexKeys.TRANSPORT).toInstance(name);
  }

  @Test
  void transportChoice_nothingNamed_isTheHighestPriorityOnTheClassPath() throws Exception {
    WebSocketContext context = inject(new DuplexModule());
    assertEquals("nio", context.transportName());
    assertEquals("hello", Conversation.echo(context, server.echoUri(), "hello"));
  }

  @Test
  void transportChoice_bindingOverride_swapsTheTransport() throws Exception {
    WebSocketContext context =
        inject(Modules.override(new DuplexModule()).with(transportNamed("jetty")));
    assertEquals("jetty", context.transportName());
    assertEquals("over jetty", Conversation.echo(context, server.echoUri(), "over jetty"));
  }

  @Test
  void transportChoice_optionalBinderSetBinding_swapsTheTransport() throws Exception {
    WebSocketContext context = inject(new DuplexModule(), binder ->
        OptionalBinder.newOptionalBinder(binder, DuplexKeys.TRANSPORT).setBinding()
            .toInstance("okhttp"));
    assertEquals("okhttp", context.transportName());
    assertEquals("over okhttp", Conversation.echo(context, server.echoUri(), "over okhttp"));
  }

  @Test
  void transportChoice_boundProviderInstance_isUsedAsGiven() throws Exception {
    OkHttpTransportProvider provider = new OkHttpTransportProvider();
    WebSocketContext context = inject(new DuplexModule(),
        binder -> binder.bind(DuplexKeys.TRANSPORT_PROVIDER).toInstance(provider));
    assertEquals("okhttp", context.transportName());
    assertEquals("given", Conversation.echo(context, server.echoUri(), "given"));
  }

  @Test
  void transportChoice_systemProperty_swapsTheTransport() throws Exception {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, "okhttp");
    WebSocketContext context = inject(new DuplexModule());
    assertEquals("okhttp", context.transportName());
    assertEquals("by property", Conversation.echo(context, server.echoUri(), "by property"));
  }

  @Test
  void transportChoice_binding_winsOverTheSystemProperty() throws Exception {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, "okhttp");
    WebSocketContext context =
        inject(Modules.override(new DuplexModule()).with(transportNamed("jetty")));
    assertEquals("jetty", context.transportName());
  }

  @Test
  void transportChoice_unknownNameInTheSystemProperty_failsInjectorCreationNamingTheClassPath() {
    System.setProperty(DuplexModule.SYSTEM_PROPERTY, "carrier-pigeon");
    CreationException e = assertThrows(CreationException.class,
        () -> Guice.createInjector(new DuplexModule()));
    assertTrue(e.getMessage().contains("carrier-pigeon"), e.getMessage());
    String message = e.getCause().getMessage();
    assertTrue(message.startsWith("The WebSocket transport \"carrier-pigeon\" named by the "
        + "system property duplex.transport is not on the class path. On the class path: "),
        message);
    assertTrue(message.contains(
        "nio (priority 100, dev.duplex.transport.nio.NioTransportProvider)"), message);
    assertTrue(message.contains(
        "jetty (priority 50, dev.duplex.transport.jetty.JettyTransportProvider)"), message);
    assertTrue(message.contains(
        "okhttp (priority 40, dev.duplex.transport.okhttp.OkHttpTransportProvider)"), message);
  }

  @Test
  void transportChoice_unknownNameInABinding_failsInjectorCreationNamingTheBinding() {
    CreationException e = assertThrows(CreationException.class,
        () -> Guice.createInjector(new DuplexModule(), transportNamed("netty")));
    String message = e.getCause().getMessage();
    assertTrue(message.startsWith("The WebSocket transport \"netty\" named by the binding "
        + "DuplexKeys.TRANSPORT is not on the class path."), message);
    assertTrue(message.endsWith("(for example dev.duplex:duplex-transport-netty)."), message);
  }

  @Test
  void lifecycle_close_closesTheContextAndItsOpenSocketsWith1001() throws Exception {
    WebSocketContext context = inject(new DuplexModule());
    Conversation c = Conversation.open(context, server.echoUri());
    c.opened.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS);
    server.closeCodes.clear();
    DuplexLifecycle lifecycle = injector.getInstance(DuplexLifecycle.class);

    lifecycle.close();

    assertTrue(context.isClosed());
    assertEquals(DuplexLifecycle.State.CLOSED, lifecycle.state());
    CloseEvent close = c.closed.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(1001, close.code());
    assertEquals(1001, server.closeCodes.poll(Conversation.WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(WebSocket.CLOSED, c.socket.readyState());
  }

  @Test
  void lifecycle_isOneSingletonAndTheContextIsOneSingleton() {
    WebSocketContext context = inject(new DuplexModule());
    assertSame(context, injector.getInstance(WebSocketContext.class));
    assertSame(injector.getInstance(DuplexLifecycle.class),
        injector.getInstance(DuplexLifecycle.class));
    assertEquals(DuplexModule.DEFAULT_CONTEXT_NAME, context.name());
  }

  @Test
  void bindings_originAndName_reachTheContextAndTheWire() throws Exception {
    WebSocketContext context = inject(new DuplexModule(), binder -> {
      binder.bind(DuplexKeys.ORIGIN).toInstance("http://app.example");
      binder.bind(DuplexKeys.CONTEXT_NAME).toInstance("orders");
    });
    assertEquals("orders", context.name());
    assertEquals("http://app.example", context.origin().orElseThrow());
    server.origins.clear();
    Conversation.echo(context, server.echoUri(), "with origin");
    assertEquals("http://app.example", server.origins.poll(Conversation.WAIT_SECONDS,
        TimeUnit.SECONDS));
  }

  @Test
  void bindings_failureObserver_hearsWhyAConnectionFailed() throws Exception {
    CompletableFuture<Throwable> cause = new CompletableFuture<>();
    CompletableFuture<URI> failedUrl = new CompletableFuture<>();
    FailureObserver observer = (url, why) -> {
      failedUrl.complete(url);
      cause.complete(why);
    };
    WebSocketContext context = inject(new DuplexModule(),
        binder -> binder.bind(DuplexKeys.FAILURE_OBSERVER).toInstance(observer));
    try (RefusingPort refusing = RefusingPort.hold()) {
      URI refused = refusing.uri("/nobody");

      Conversation c = Conversation.open(context, refused);

      assertEquals(1006, c.closed.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS).code());
      assertTrue(c.errored.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(refused, failedUrl.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS));
      assertTrue(cause.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS) != null);
    }
  }

  @Test
  void bindings_unboundPolicy_fallsBackToTheOneRegisteredForServiceLoader() throws Exception {
    WebSocketContext context = inject(new DuplexModule());
    try (RefusingPort refusing = RefusingPort.hold()) {
      URI refused = refusing.uri("/unbound");

      Conversation c = Conversation.open(context, refused);

      assertEquals(1006, c.closed.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS).code());
      assertTrue(RegisteredFailureObserver.HEARD.contains(refused),
          "the ServiceLoader observer heard " + RegisteredFailureObserver.HEARD);
    }
  }

  @Test
  void bindings_boundPolicy_winsOverTheOneRegisteredForServiceLoader() throws Exception {
    CompletableFuture<URI> heard = new CompletableFuture<>();
    WebSocketContext context = inject(new DuplexModule(), binder -> binder
        .bind(DuplexKeys.FAILURE_OBSERVER).toInstance((url, cause) -> heard.complete(url)));
    try (RefusingPort refusing = RefusingPort.hold()) {
      URI refused = refusing.uri("/bound");

      Conversation.open(context, refused).closed.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS);

      assertEquals(refused, heard.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS));
      assertFalse(RegisteredFailureObserver.HEARD.contains(refused));
    }
  }

  @Test
  void bindings_bufferLimit_closesWithPrejudiceWhenASendOverflowsIt() throws Exception {
    WebSocketContext context = inject(new DuplexModule(),
        binder -> binder.bind(DuplexKeys.BUFFER_LIMIT).toInstance(BufferLimitPolicy.of(16)));
    Conversation c = Conversation.open(context, server.echoUri());
    c.opened.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS);

    c.socket.send("x".repeat(1024));

    assertEquals(1006, c.closed.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS).code());
    assertTrue(c.errored.get(Conversation.WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void bindings_transportConfigAndTlsBoth_failInjectorCreationWithASentence() throws Exception {
    SSLContext tls = SSLContext.getDefault();
    CreationException e = assertThrows(CreationException.class,
        () -> Guice.createInjector(new DuplexModule(), binder -> {
          binder.bind(DuplexKeys.TRANSPORT_CONFIG).toInstance(TransportConfig.defaults());
          binder.bind(DuplexKeys.TLS).toInstance(tls);
        }));
    assertTrue(e.getCause().getMessage().contains("bind the TLS context and proxy selector "
        + "inside the TransportConfig"), e.getCause().getMessage());
  }
}
