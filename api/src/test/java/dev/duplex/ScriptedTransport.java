package dev.duplex;

import dev.duplex.spi.Capability;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-memory transport whose connections record what the engine asked of them and let the
 * test play the transport's side (opened, text, binary, closing, closed, failed, transmitted).
 *
 * <p>Threading: thread-safe; the test fires callbacks from its own thread, which the spi allows
 * (callbacks of one connection never overlap because the test fires them one at a time).
 */
final class ScriptedTransport implements TransportProvider, Transport {
  static final long WAIT_SECONDS = 10;
  private final String name;
  private final int priority;
  private final BlockingQueue<Conn> connections = new LinkedBlockingQueue<>();
  private final List<Conn> all = new CopyOnWriteArrayList<>();
  volatile boolean closed;
  /** Run on the connecting thread right after connect returns the connection (null for none). */
  volatile Consumer<Conn> onConnect;
  /** What {@link #allowsInlineDispatch()} answers (the test thread then plays a callback thread). */
  volatile boolean inlineDispatch;

  ScriptedTransport() {
    this("scripted", 0);
  }

  ScriptedTransport(String name, int priority) {
    this.name = name;
    this.priority = priority;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public Transport create(TransportConfig config) {
    return this;
  }

  @Override
  public boolean allowsInlineDispatch() {
    return inlineDispatch;
  }

  @Override
  public Connection connect(ConnectRequest request, ConnectionListener listener) {
    Conn c = new Conn(request, listener);
    all.add(c);
    connections.add(c);
    Consumer<Conn> hook = onConnect;
    if (hook != null) {
      hook.accept(c);
    }
    return c;
  }

  @Override
  public void close() {
    closed = true;
    for (Conn c : all) {
      c.abort();
    }
  }

  /** @return the next connection the engine opened */
  Conn next() throws InterruptedException {
    Conn c = connections.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (c == null) {
      throw new AssertionError("The engine opened no connection.");
    }
    return c;
  }

  /** One scripted connection. */
  static final class Conn implements Connection {
    final ConnectRequest request;
    final ConnectionListener listener;
    final List<Object> sent = new CopyOnWriteArrayList<>();
    /** The buffers the engine handed over, as handed (not copied): their bytes must not change. */
    final List<ByteBuffer> sentBuffers = new CopyOnWriteArrayList<>();
    final CountDownLatch closeCalled = new CountDownLatch(1);
    final CountDownLatch abortCalled = new CountDownLatch(1);
    volatile int closeCode = -1;
    volatile String closeReason;
    private boolean terminated;

    Conn(ConnectRequest request, ConnectionListener listener) {
      this.request = request;
      this.listener = listener;
    }

    @Override
    public void sendText(String text) {
      sent.add(text);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
      sentBuffers.add(data);
      byte[] copy = new byte[data.remaining()];
      data.duplicate().get(copy);
      sent.add(copy);
    }

    @Override
    public void close(int code, String reason) {
      if (closeCode == -1) {
        closeReason = reason;
        closeCode = code;
        closeCalled.countDown();
      }
    }

    /** Like a real transport: aborting reports the terminal callback unless it already came. */
    @Override
    public void abort() {
      abortCalled.countDown();
      if (terminate()) {
        listener.closed(1006, "", false);
      }
    }

    private synchronized boolean terminate() {
      boolean first = !terminated;
      terminated = true;
      return first;
    }

    boolean awaitClose() throws InterruptedException {
      return closeCalled.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    boolean awaitAbort() throws InterruptedException {
      return abortCalled.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    boolean aborted() {
      return abortCalled.getCount() == 0;
    }

    Conn open() {
      return open("", "", Map.of());
    }

    Conn open(String protocol, String extensions, Map<String, List<String>> headers) {
      listener.opened(new Handshake(protocol, extensions, headers));
      return this;
    }

    Conn text(String text) {
      listener.text(text);
      return this;
    }

    Conn binary(byte... bytes) {
      listener.binary(ByteBuffer.wrap(bytes.clone()));
      return this;
    }

    Conn closing(int code, String reason) {
      listener.closing(code, reason);
      return this;
    }

    Conn closed(int code, String reason, boolean wasClean) {
      if (terminate()) {
        listener.closed(code, reason, wasClean);
      }
      return this;
    }

    Conn fail(Throwable cause) {
      if (terminate()) {
        listener.failed(cause);
      }
      return this;
    }

    Conn transmitted(long bytes) {
      listener.transmitted(bytes);
      return this;
    }
  }
}
