package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.Timeouts;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.RecordingListener;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One test's OkHttp transport and the clients opened through it; closing it closes the transport
 * and fails the test if any connection broke the listener contract.
 *
 * <p>Threading: the test's thread.
 */
final class Harness implements AutoCloseable {
  private final Transport transport;
  private final List<RecordingListener> listeners = new ArrayList<>();

  Harness() {
    this(new OkHttpTransportProvider(), TransportConfig.defaults());
  }

  Harness(TransportProvider provider, TransportConfig config) {
    this.transport = provider.create(config);
  }

  Transport transport() {
    return transport;
  }

  Client connect(URI uri) {
    return connect(uri, b -> {});
  }

  Client connect(URI uri, Consumer<ConnectRequest.Builder> request) {
    ConnectRequest.Builder b = ConnectRequest.builder(uri).closeTimeout(Timeouts.POLICY);
    request.accept(b);
    RecordingListener listener = new RecordingListener();
    listeners.add(listener);
    return new Client(transport.connect(b.build(), listener), listener);
  }

  @Override
  public void close() {
    transport.close();
    for (RecordingListener l : listeners) {
      assertEquals(List.of(), l.violations(), "ConnectionListener contract");
    }
  }
}
