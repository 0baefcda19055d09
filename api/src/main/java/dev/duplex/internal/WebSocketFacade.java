package dev.duplex.internal;

import dev.duplex.BinaryType;
import dev.duplex.Blob;
import dev.duplex.CloseEvent;
import dev.duplex.Event;
import dev.duplex.EventHandler;
import dev.duplex.EventListener;
import dev.duplex.MessageEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The public {@link WebSocket} object: attributes, the event target and argument checks, over
 * a {@link SocketEngine}. The engine refers to it only weakly (see {@link GcSupport}); the
 * facade refers to the engine strongly.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class WebSocketFacade implements WebSocket {
  private final SocketEngine engine;
  private final ListenerList listeners = new ListenerList();
  private volatile BinaryType binaryType = BinaryType.BLOB;

  WebSocketFacade(SocketEngine engine) {
    this.engine = engine;
    engine.attach(this);
  }

  ListenerList listeners() {
    return listeners;
  }

  @Override
  public String url() {
    return engine.url().href();
  }

  @Override
  public int readyState() {
    return engine.state().value();
  }

  @Override
  public long bufferedAmount() {
    return engine.buffered().get();
  }

  @Override
  public String extensions() {
    return engine.extensions();
  }

  @Override
  public String protocol() {
    return engine.protocol();
  }

  @Override
  public BinaryType binaryType() {
    return binaryType;
  }

  @Override
  public void binaryType(BinaryType type) {
    this.binaryType = Objects.requireNonNull(type, "type");
  }

  @Override
  public void onopen(EventHandler<Event> handler) {
    setHandler("open", handler, Event.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public EventHandler<Event> onopen() {
    return (EventHandler<Event>) listeners.handler("open");
  }

  @Override
  public void onerror(EventHandler<Event> handler) {
    setHandler("error", handler, Event.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public EventHandler<Event> onerror() {
    return (EventHandler<Event>) listeners.handler("error");
  }

  @Override
  public void onclose(EventHandler<CloseEvent> handler) {
    setHandler("close", handler, CloseEvent.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public EventHandler<CloseEvent> onclose() {
    return (EventHandler<CloseEvent>) listeners.handler("close");
  }

  @Override
  public void onmessage(EventHandler<MessageEvent> handler) {
    setHandler("message", handler, MessageEvent.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public EventHandler<MessageEvent> onmessage() {
    return (EventHandler<MessageEvent>) listeners.handler("message");
  }

  private <E extends Event> void setHandler(String type, EventHandler<E> handler,
      Class<E> eventClass) {
    listeners.setHandler(type, handler, eventClass);
    engine.updatePin();
  }

  @Override
  public void addEventListener(String type, EventListener listener) {
    listeners.add(type, listener);
    engine.updatePin();
  }

  @Override
  public void removeEventListener(String type, EventListener listener) {
    listeners.remove(type, listener);
    engine.updatePin();
  }

  @Override
  public boolean dispatchEvent(Event event) {
    Objects.requireNonNull(event, "event");
    EventDispatcher.dispatch(this, listeners, event, false);
    return true;
  }

  @Override
  public void close() {
    engine.close(CloseArguments.NONE);
  }

  @Override
  public void close(int code) {
    engine.close(CloseArguments.of(code, null));
  }

  @Override
  public void close(int code, String reason) {
    Objects.requireNonNull(reason, "reason");
    engine.close(CloseArguments.of(code, reason));
  }

  @Override
  public void send(String data) {
    Objects.requireNonNull(data, "data");
    engine.sendText(data);
  }

  @Override
  public void send(Blob data) {
    Objects.requireNonNull(data, "data");
    engine.sendBinary(ApiBridge.get().blobContent(data));
  }

  @Override
  public void send(byte[] data) {
    Objects.requireNonNull(data, "data");
    engine.sendBinaryBorrowed(ByteBuffer.wrap(data));
  }

  /**
   * The view's bytes as they are now (the specification sends the data at the time of the
   * call): lent to the transport for the duration of the call, which copies them or writes them
   * before it returns ({@link dev.duplex.spi.Connection#sendBinaryBorrowed}).
   */
  @Override
  public void send(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    engine.sendBinaryBorrowed(data);
  }

  @Override
  public WebSocketContext context() {
    return engine.context().publicContext();
  }

  @Override
  public String toString() {
    return "WebSocket[" + url() + ", " + engine.state() + "]";
  }
}
