package dev.duplex.tck;

import dev.duplex.spi.Capability;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For {@link ApiFault#DISPATCH_MESSAGES_AFTER_CLOSE}: taps the messages the transport delivers to
 * the api and hands those that arrive once a socket's {@code close()} was called (which the real
 * api rightly drops) to that {@link FaultyWebSocket}, so it can dispatch them anyway.
 *
 * <p>Threading: one instance per test; thread-safe (sockets register from the test's threads,
 * messages come from the transport's).
 */
final class LateMessages {
  private final Set<FaultyWebSocket> closing = ConcurrentHashMap.newKeySet();

  /** @param socket a socket whose {@code close()} was called */
  void closing(FaultyWebSocket socket) {
    closing.add(socket);
  }

  /**
   * @param provider the provider under test
   * @return the same provider, with every connection's messages tapped
   */
  TransportProvider tap(TransportProvider provider) {
    return new TransportProvider() {
      @Override
      public String name() {
        return provider.name();
      }

      @Override
      public int priority() {
        return provider.priority();
      }

      @Override
      public Set<Capability> capabilities() {
        return provider.capabilities();
      }

      @Override
      public Map<Capability, String> knownDeviations() {
        return provider.knownDeviations();
      }

      @Override
      public Transport create(TransportConfig config) {
        Transport transport = provider.create(config);
        return new Transport() {
          @Override
          public Connection connect(ConnectRequest request, ConnectionListener listener) {
            return transport.connect(request, tapped(request.uri(), listener));
          }

          @Override
          public void close() {
            transport.close();
          }
        };
      }
    };
  }

  private void received(URI target, Object data) {
    for (FaultyWebSocket socket : closing) {
      if (socket.url().equals(target.toString())) {
        socket.receivedAfterClose(data);
      }
    }
  }

  private ConnectionListener tapped(URI target, ConnectionListener api) {
    return new ConnectionListener() {
      @Override
      public void opened(Handshake handshake) {
        api.opened(handshake);
      }

      @Override
      public void text(String text) {
        received(target, text);
        api.text(text);
      }

      @Override
      public void binary(ByteBuffer data) {
        received(target, data.asReadOnlyBuffer());
        api.binary(data);
      }

      @Override
      public void closing(int code, String reason) {
        api.closing(code, reason);
      }

      @Override
      public void closed(int code, String reason, boolean wasClean) {
        api.closed(code, reason, wasClean);
      }

      @Override
      public void failed(Throwable cause) {
        api.failed(cause);
      }

      @Override
      public void transmitted(long bytes) {
        api.transmitted(bytes);
      }
    };
  }
}
