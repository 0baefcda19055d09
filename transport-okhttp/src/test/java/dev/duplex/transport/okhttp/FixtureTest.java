package dev.duplex.transport.okhttp;

import dev.duplex.tck.fixture.FixtureServer;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the tests against a scripted raw-TCP server (the kit's fixture): one server and one
 * OkHttp transport per test, both closed after it.
 *
 * <p>Threading: JUnit's test thread.
 */
abstract class FixtureTest {
  final FixtureServer server = FixtureServer.start();
  final Harness harness = new Harness();

  @AfterEach
  void closeServerAndTransport() {
    try {
      harness.close();
    } finally {
      server.close();
    }
  }
}
