package dev.duplex.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.duplex.WebSocketContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every injector test shares: one loopback echo server per class, no
 * {@code duplex.transport} property unless the test sets it, and each injector's
 * {@link DuplexLifecycle} closed after the test.
 *
 * <p>Threading: JUnit's thread.
 */
abstract class InjectorFixture {
  static LoopbackEchoServer server;
  Injector injector;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LoopbackEchoServer();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void clearProperty() {
    System.clearProperty(DuplexModule.SYSTEM_PROPERTY);
  }

  @AfterEach
  void closeInjector() {
    System.clearProperty(DuplexModule.SYSTEM_PROPERTY);
    if (injector != null) {
      injector.getInstance(DuplexLifecycle.class).close();
    }
  }

  WebSocketContext inject(Module... modules) {
    injector = Guice.createInjector(modules);
    return injector.getInstance(WebSocketContext.class);
  }
}
