package dev.duplex.tck;

import dev.duplex.BinaryType;
import dev.duplex.Blob;
import dev.duplex.CloseEvent;
import dev.duplex.Event;
import dev.duplex.EventHandler;
import dev.duplex.EventListener;
import dev.duplex.MessageEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real api socket seen through one {@link ApiFault}: every method forwards to the real socket
 * except where the fault changes what a script sees.
 *
 * <p>Threading: as {@link WebSocket}; the handlers it wraps run on the context's event loop.
 */
final class FaultyWebSocket implements WebSocket {
  private static final int MAX_REASON_BYTES = 123;

  private final WebSocket real;
  private final ApiFault fault;
  private final LateMessages late;
  private final Queue<Object> lateData = new ConcurrentLinkedQueue<>();
  private volatile EventHandler<MessageEvent> messageHandler;
  private volatile EventHandler<Event> errorHandler;
  private volatile EventHandler<CloseEvent> closeHandler;
  private volatile Event heldError;

  FaultyWebSocket(WebSocket real, ApiFault fault, LateMessages late) {
    this.real = real;
    this.fault = fault;
    this.late = late;
  }

  @Override
  public String url() {
    return real.url();
  }

  @Override
  public int readyState() {
    return real.readyState();
  }

  @Override
  public long bufferedAmount() {
    return real.bufferedAmount();
  }

  @Override
  public String extensions() {
    return real.extensions();
  }

  @Override
  public String protocol() {
    return real.protocol();
  }

  @Override
  public BinaryType binaryType() {
    return real.binaryType();
  }

  @Override
  public void binaryType(BinaryType type) {
    if (fault != ApiFault.IGNORE_BINARY_TYPE) {
      real.binaryType(type);
    }
  }

  @Override
  public void onopen(EventHandler<Event> handler) {
    real.onopen(handler);
  }

  @Override
  public EventHandler<Event> onopen() {
    return real.onopen();
  }

  @Override
  public void onerror(EventHandler<Event> handler) {
    errorHandler = handler;
    boolean hold = fault == ApiFault.ERROR_AFTER_CLOSE && handler != null;
    real.onerror(hold ? e -> heldError = e : handler);
  }

  @Override
  public EventHandler<Event> onerror() {
    return errorHandler;
  }

  @Override
  public void onclose(EventHandler<CloseEvent> handler) {
    closeHandler = handler;
    real.onclose(handler == null ? null : e -> closed(handler, e));
  }

  @Override
  public EventHandler<CloseEvent> onclose() {
    return closeHandler;
  }

  @Override
  public void onmessage(EventHandler<MessageEvent> handler) {
    messageHandler = handler;
    real.onmessage(handler);
  }

  @Override
  public EventHandler<MessageEvent> onmessage() {
    return messageHandler;
  }

  @Override
  public void close() {
    real.close();
    closing();
  }

  @Override
  public void close(int code) {
    real.close(code(code));
    closing();
  }

  @Override
  public void close(int code, String reason) {
    real.close(code(code), reason(reason));
    closing();
  }

  @Override
  public void send(String data) {
    if (!dropsSend()) {
      real.send(data);
    }
  }

  @Override
  public void send(Blob data) {
    if (!dropsSend()) {
      real.send(data);
    }
  }

  @Override
  public void send(byte[] data) {
    if (!dropsSend()) {
      real.send(data);
    }
  }

  @Override
  public void send(ByteBuffer data) {
    if (!dropsSend()) {
      real.send(data);
    }
  }

  @Override
  public WebSocketContext context() {
    return real.context();
  }

  @Override
  public void addEventListener(String type, EventListener listener) {
    real.addEventListener(type, listener);
  }

  @Override
  public void removeEventListener(String type, EventListener listener) {
    real.removeEventListener(type, listener);
  }

  @Override
  public boolean dispatchEvent(Event event) {
    return real.dispatchEvent(event);
  }

  /**
   * {@link ApiFault#DISPATCH_MESSAGES_AFTER_CLOSE}: a message the transport delivered after
   * {@code close()}, which the real api dropped; dispatched on the loop, before the close event.
   *
   * @param data a {@code String} or a {@code ByteBuffer}
   */
  void receivedAfterClose(Object data) {
    lateData.add(data);
    real.context().run(this::dispatchLateMessages);
  }

  private void dispatchLateMessages() {
    for (Object data = lateData.poll(); data != null; data = lateData.poll()) {
      EventHandler<MessageEvent> handler = messageHandler;
      if (handler != null) {
        handler.handle(new MessageEvent("message", asScriptSees(data), origin()));
      }
    }
  }

  private Object asScriptSees(Object data) {
    if (!(data instanceof ByteBuffer bytes)) {
      return data;
    }
    if (real.binaryType() == BinaryType.ARRAYBUFFER) {
      return bytes.asReadOnlyBuffer();
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return Blob.of(copy);
  }

  private String origin() {
    URI u = URI.create(real.url());
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  private void closed(EventHandler<CloseEvent> handler, CloseEvent event) {
    dispatchLateMessages();
    handler.handle(event);
    Event error = heldError;
    heldError = null;
    EventHandler<Event> onerror = errorHandler;
    if (error != null && onerror != null) {
      onerror.handle(error);
    }
  }

  private void closing() {
    if (fault == ApiFault.DISPATCH_MESSAGES_AFTER_CLOSE) {
      late.closing(this);
    }
  }

  private int code(int code) {
    return fault == ApiFault.WRAP_CLOSE_CODE ? code & 0xFFFF : code;
  }

  private String reason(String reason) {
    String cut = reason;
    while (fault == ApiFault.TRUNCATE_LONG_REASON && cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
    }
    return cut;
  }

  private boolean dropsSend() {
    int state = real.readyState();
    return (fault == ApiFault.DROP_SEND_WHILE_CONNECTING && state == CONNECTING)
        || (fault == ApiFault.DROP_SEND_AFTER_CLOSE && state >= CLOSING);
  }
}
