package dev.duplex.tck.client;

import dev.duplex.spi.Capability;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps a provider and watches the border between the engine and its transports for what
 * {@link Transport#allowsInlineDispatch()} forbids: a {@link ConnectionListener} callback from
 * inside a call of the engine into the transport ({@code connect}, any {@link Connection}
 * method, {@code Transport.close}) on the same thread, of the same connection or any other one.
 * It also tells a handler whether it runs inside a transport's callback ({@link #inCallback()}),
 * that is, inline, and records which threads the callbacks came from ({@link
 * #callbackThreads()}).
 *
 * <p>Use it in place of the provider, for example {@code
 * WebSocketContext.builder().transport(new SpiBoundary(provider))}, and check {@link
 * #violations()} at the end of the test.
 *
 * <p>Threading: thread-safe; the markers are per thread.
 */
public final class SpiBoundary implements TransportProvider {
  /** The engine's call into the transport that the current thread is inside, if any. */
  private static final ThreadLocal<String> CALLING = new ThreadLocal<>();
  /** Set while the current thread runs a transport's callback into the engine. */
  private static final ThreadLocal<Boolean> REPORTING = new ThreadLocal<>();

  private final TransportProvider inner;
  private final List<String> violations = new ArrayList<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Transport> created = new AtomicReference<>();

  /** @param inner the provider under test */
  public SpiBoundary(TransportProvider inner) {
    this.inner = inner;
  }

  /** @return whether the calling thread is inside a transport's callback into the engine */
  public static boolean inCallback() {
    return REPORTING.get() != null;
  }

  /** @return every callback made from inside a call into the transport, as text */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** @return the names of the threads that made callbacks so far */
  public Set<String> callbackThreads() {
    return Set.copyOf(threads);
  }

  /** @return the transport created last (the context's), unwrapped */
  public Transport transport() {
    return created.get();
  }

  @Override
  public String name() {
    return "boundary-" + inner.name();
  }

  @Override
  public Set<Capability> capabilities() {
    return inner.capabilities();
  }

  @Override
  public Map<Capability, String> knownDeviations() {
    return inner.knownDeviations();
  }

  @Override
  public Transport create(TransportConfig config) {
    Transport t = inner.create(config);
    created.set(t);
    return new Transport() {
      @Override
      public Connection connect(ConnectRequest request, ConnectionListener listener) {
        Connection c = calling("connect", () -> t.connect(request, new Reporting(listener)));
        return new Calling(c);
      }

      @Override
      public boolean allowsInlineDispatch() {
        return t.allowsInlineDispatch();
      }

      @Override
      public void close() {
        calling("Transport.close", () -> {
          t.close();
          return null;
        });
      }
    };
  }

  private static <T> T calling(String what, java.util.function.Supplier<T> call) {
    String outer = CALLING.get();
    CALLING.set(what);
    try {
      return call.get();
    } finally {
      CALLING.set(outer);
    }
  }

  /** The engine's handle, marking the thread while each method runs. */
  private static final class Calling implements Connection {
    private final Connection c;

    Calling(Connection c) {
      this.c = c;
    }

    @Override
    public void sendText(String text) {
      calling("sendText", () -> {
        c.sendText(text);
        return null;
      });
    }

    @Override
    public void sendBinary(ByteBuffer data) {
      calling("sendBinary", () -> {
        c.sendBinary(data);
        return null;
      });
    }

    @Override
    public void sendBinaryBorrowed(ByteBuffer data) {
      calling("sendBinaryBorrowed", () -> {
        c.sendBinaryBorrowed(data);
        return null;
      });
    }

    @Override
    public void close(int code, String reason) {
      calling("close", () -> {
        c.close(code, reason);
        return null;
      });
    }

    @Override
    public void abort() {
      calling("abort", () -> {
        c.abort();
        return null;
      });
    }
  }

  /** The engine's listener, checking where each callback comes from. */
  private final class Reporting implements ConnectionListener {
    private final ConnectionListener l;

    Reporting(ConnectionListener l) {
      this.l = l;
    }

    private void report(String what, Runnable callback) {
      threads.add(Thread.currentThread().getName());
      String inside = CALLING.get();
      if (inside != null) {
        synchronized (violations) {
          violations.add(what + " reported from inside " + inside + " on "
              + Thread.currentThread().getName());
        }
      }
      Boolean outer = REPORTING.get();
      REPORTING.set(Boolean.TRUE);
      try {
        callback.run();
      } finally {
        REPORTING.set(outer);
      }
    }

    @Override
    public void opened(Handshake handshake) {
      report("opened", () -> l.opened(handshake));
    }

    @Override
    public void text(String text) {
      report("text", () -> l.text(text));
    }

    @Override
    public void binary(ByteBuffer data) {
      report("binary", () -> l.binary(data));
    }

    @Override
    public void closing(int code, String reason) {
      report("closing", () -> l.closing(code, reason));
    }

    @Override
    public void closed(int code, String reason, boolean wasClean) {
      report("closed", () -> l.closed(code, reason, wasClean));
    }

    @Override
    public void failed(Throwable cause) {
      report("failed", () -> l.failed(cause));
    }

    @Override
    public void transmitted(long bytes) {
      report("transmitted", () -> l.transmitted(bytes));
    }
  }
}
