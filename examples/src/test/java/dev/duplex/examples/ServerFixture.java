package dev.duplex.examples;

import dev.duplex.WebSocketContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One {@link ExampleServer} on loopback per test class and a fresh default context per test.
 *
 * <p>Threading: JUnit's thread.
 */
abstract class ServerFixture {
  /** Long enough for a slow machine, short enough that a hang fails quickly. */
  static final long WAIT_SECONDS = 10;
  static ExampleServer server;
  WebSocketContext context;

  @BeforeAll
  static void startServer() throws Exception {
    server = ExampleServer.start(0);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openContext() {
    context = WebSocketContext.builder().build();
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  static String url(String path) {
    return server.uri(path).toString();
  }
}
