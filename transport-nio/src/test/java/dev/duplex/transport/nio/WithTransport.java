package dev.duplex.transport.nio;

import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One NIO transport with the default configuration, shared by the tests of a class (JUnit's thread). */
abstract class WithTransport {
  static Transport transport;

  @BeforeAll
  static void startTransport() {
    transport = new NioTransportProvider().create(TransportConfig.defaults());
  }

  @AfterAll
  static void stopTransport() {
    transport.close();
  }
}
