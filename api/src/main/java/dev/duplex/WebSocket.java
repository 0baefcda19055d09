package dev.duplex;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WebSocket client: the W3C "The WebSocket API" {@code WebSocket} interface in Java, over an
 * RFC 6455 transport chosen by its {@link WebSocketContext}.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li><b>Context</b>: a {@link WebSocketContext}, the Java stand-in for a browser document. It
 *       owns the transport, the policies (blocked ports, cookies, buffer limit...), the origin
 *       and the <b>event loop</b>.
 *   <li><b>Event loop</b>: the serial queue on which a socket's events are dispatched, one task
 *       at a time. "Queue a task" in the specification means submitting to it. By default a
 *       context has one loop, so no two handlers of one context ever run at once; when the loop
 *       is idle the transport thread that received an event may run it (no hand-over), else the
 *       context's daemon thread does. {@link dev.duplex.spi.EventLoopPolicy} can change that
 *       ({@code dedicatedThread()} for handlers that block).
 *   <li><b>Handler</b>: the value of an event handler attribute ({@link #onopen(EventHandler)},
 *       {@link #onmessage(EventHandler)}, {@link #onerror(EventHandler)},
 *       {@link #onclose(EventHandler)}); <b>listener</b>: a callback added with
 *       {@link #addEventListener}. Both receive the same events, in the order they were
 *       first registered.
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   open(...) ──► CONNECTING ──open event──► OPEN ──close() or server Close──► CLOSING ──► CLOSED
 *                     │                                                                    ▲
 *                     └──── failure, or close() while CONNECTING ─── error event ──────────┘
 * </pre>
 * <ul>
 *   <li>{@link #CONNECTING} (0): {@code open} returned; the opening handshake is running.
 *   <li>{@link #OPEN} (1): the {@code open} event fired; messages flow both ways.
 *   <li>{@link #CLOSING} (2): {@link #close()} was called, or the server started the closing
 *       handshake.
 *   <li>{@link #CLOSED} (3): the connection is closed or could not be opened; the {@code close}
 *       event fired (preceded by an {@code error} event if the connection failed or was closed
 *       with prejudice).
 * </ul>
 *
 * <h2>Events</h2>
 * <ul>
 *   <li>{@code open} ({@link Event}): once, when the connection is established.
 *   <li>{@code message} ({@link MessageEvent}): each whole message received while OPEN; text as a
 *       {@link String}, binary as a {@link Blob} or a read-only {@link ByteBuffer} according to
 *       {@link #binaryType()} at the moment the event is dispatched.
 *   <li>{@code error} ({@link Event}): once, just before {@code close}, if the connection failed
 *       (DNS, refused, TLS, a bad handshake, a protocol violation...) or was closed with
 *       prejudice (the send buffer passed the context's buffer limit, or received messages piled
 *       up past its {@linkplain WebSocketContext.Builder#receiveBacklogLimit receive backlog
 *       limit}). The reason is deliberately not visible: the
 *       specification forbids telling the application why, so that scripts cannot probe a
 *       network. Operators see it through {@link dev.duplex.spi.FailureObserver}.
 *   <li>{@code close} ({@link CloseEvent}): exactly once, last. Code 1006 for every failure.
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method may be called from any thread. Events are dispatched on the context's event loop,
 * strictly in order for one socket. {@link #send} and {@link #close} never block.
 * A handler or listener that throws is logged through {@link System.Logger} {@code dev.duplex};
 * the socket and the loop carry on.
 *
 * <h2>Creating a socket without missing events</h2>
 * In a browser no event can fire between {@code new WebSocket(url)} and the next line that sets
 * {@code onopen}. Duplex keeps that promise in two ways:
 * <ul>
 *   <li>{@link #open(String, List, Consumer)} (and the same method on a context) runs its
 *       {@code init} before any event of the new socket can be dispatched: set handlers there.
 *   <li>A socket opened by code running as a task on a context's loop (inside a handler, or in
 *       {@link WebSocketContext#run(Runnable)}) dispatches nothing before that task ends.
 * </ul>
 * A plain {@link #open(String, String...)} from any other thread guarantees less: the socket's
 * events are queued on the loop as they happen, and if the loop is idle an event may be
 * dispatched before the caller has set its handlers; a handler set afterwards then misses it.
 * Use one of the two forms above whenever handlers matter:
 * <pre>{@code
 * WebSocket ws = WebSocket.open("wss://echo.example/chat", List.of("chat.v1"), s -> {
 *   s.onopen(e -> s.send("hello"));
 *   s.onmessage(e -> System.out.println(e.data()));
 *   s.onclose(e -> System.out.println("closed " + e.code()));
 * });
 * }</pre>
 * or, on a context's loop:
 * <pre>{@code
 * context.run(() -> {
 *   WebSocket ws = context.open("wss://echo.example/chat");
 *   ws.onopen(e -> ws.send("hello"));   // nothing can be dispatched before this task ends
 * });
 * }</pre>
 *
 * <h2>Garbage collection</h2>
 * The context keeps a socket reachable while the specification forbids collecting it: while
 * CONNECTING with open, message, error or close listeners; while OPEN with message, error or
 * close listeners; while CLOSING with error or close listeners; and while sent data is still
 * queued. An OPEN socket that becomes unreachable otherwise is closed with no status code.
 * Closing the context ("the document goes away") fails CONNECTING sockets and closes OPEN ones
 * with 1001.
 *
 * <h2>Null policy</h2>
 * Unless a parameter is documented as nullable, passing {@code null} to any method of this
 * package throws {@link NullPointerException}. Handler setters accept {@code null}, which
 * removes the handler.
 */
public interface WebSocket extends EventTarget {
  /** readyState: the connection has not yet been established. */
  int CONNECTING = 0;
  /** readyState: the connection is established and communication is possible. */
  int OPEN = 1;
  /** readyState: the closing handshake is in progress, or {@code close()} was called. */
  int CLOSING = 2;
  /** readyState: the connection is closed or could not be opened. */
  int CLOSED = 3;

  /**
   * Opens a socket on {@link WebSocketContext#defaultContext()} (the W3C constructor). Returns at
   * once in {@link #CONNECTING}. See the class documentation for what a plain {@code open}
   * guarantees about events; prefer {@link #open(String, List, Consumer)}.
   *
   * @param url an absolute {@code ws:} or {@code wss:} URL without a fragment
   * @param protocols subprotocols to offer, in order of preference; none for no preference
   * @return the new socket, CONNECTING
   * @throws SyntaxError if the URL is not absolute, its scheme is not ws or wss, it has a
   *     fragment, or a protocol is empty, repeated or not an RFC 2616 token
   * @throws SecurityError if the port is blocked, or the URL is {@code ws:} and the context's
   *     origin is secure
   * @throws InvalidStateError if the default context has been closed
   * @throws IllegalStateException if no transport is available for the default context
   */
  static WebSocket open(String url, String... protocols) {
    return WebSocketContext.defaultContext().open(url, protocols);
  }

  /**
   * Opens a socket on {@link WebSocketContext#defaultContext()}, running {@code init} on the
   * calling thread before any of its events can be dispatched: the race-free way to set
   * handlers. If {@code init} throws, the connection is failed and the exception propagates.
   *
   * @param url an absolute {@code ws:} or {@code wss:} URL without a fragment
   * @param protocols subprotocols to offer, in order of preference
   * @param init sets handlers and listeners on the new socket
   * @return the new socket
   * @throws SyntaxError if the URL or a protocol is malformed (see {@link #open(String, String...)})
   * @throws SecurityError if the port is blocked or the connection would be mixed content
   * @throws InvalidStateError if the default context has been closed
   * @throws IllegalStateException if no transport is available for the default context
   */
  static WebSocket open(String url, List<String> protocols, Consumer<? super WebSocket> init) {
    return WebSocketContext.defaultContext().open(url, protocols, init);
  }

  /** @return the URL the socket connects to, as parsed (for example {@code ws://example.com/}) */
  String url();

  /** @return {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or {@link #CLOSED} */
  int readyState();

  /**
   * The number of bytes of application data (UTF-8 text and binary data) passed to
   * {@code send} that had not been transmitted to the network as of the last time the event
   * loop started a task, plus everything sent since. It rises at once with each {@code send},
   * falls as the transport reports bytes written, and after the socket is CLOSING or CLOSED
   * only rises (that data is never sent).
   *
   * @return the buffered amount in bytes
   */
  long bufferedAmount();

  /** @return the extensions the server selected; empty until OPEN and when none */
  String extensions();

  /** @return the subprotocol the server selected; empty until OPEN and when none */
  String protocol();

  /** @return how binary messages are exposed; {@link BinaryType#BLOB} initially */
  BinaryType binaryType();

  /**
   * Sets how binary messages are exposed from the next dispatched message on (also for messages
   * already received but not yet dispatched).
   *
   * @param type the binary type
   */
  void binaryType(BinaryType type);

  /** @param handler the {@code open} event handler; null removes it */
  void onopen(EventHandler<Event> handler);

  /** @return the {@code open} event handler, or null */
  EventHandler<Event> onopen();

  /** @param handler the {@code error} event handler; null removes it */
  void onerror(EventHandler<Event> handler);

  /** @return the {@code error} event handler, or null */
  EventHandler<Event> onerror();

  /** @param handler the {@code close} event handler; null removes it */
  void onclose(EventHandler<CloseEvent> handler);

  /** @return the {@code close} event handler, or null */
  EventHandler<CloseEvent> onclose();

  /** @param handler the {@code message} event handler; null removes it */
  void onmessage(EventHandler<MessageEvent> handler);

  /** @return the {@code message} event handler, or null */
  EventHandler<MessageEvent> onmessage();

  /**
   * Closes without a status code. While CONNECTING this fails the connection (an {@code error}
   * and a {@code close} event with code 1006 follow); while OPEN it starts the closing handshake
   * with a Close frame that has no body; while CLOSING or CLOSED it does nothing.
   */
  void close();

  /**
   * Closes with a status code (see {@link #close()} for the effect in each state). The
   * specification's {@code [Clamp] unsigned short} conversion maps every {@code int} outside
   * 0–65535 to 0 or 65535, neither of which is allowed, so every {@code int} other than 1000 or
   * 3000–4999 is rejected.
   *
   * @param code 1000 or 3000–4999
   * @throws InvalidAccessError if {@code code} is neither 1000 nor in 3000–4999
   */
  void close(int code);

  /**
   * Closes with a status code and a reason (see {@link #close()} for the effect in each state).
   * Lone surrogates in {@code reason} are replaced by U+FFFD before it is encoded as UTF-8.
   *
   * @param code 1000 or 3000–4999
   * @param reason at most 123 bytes once encoded as UTF-8
   * @throws InvalidAccessError if {@code code} is neither 1000 nor in 3000–4999
   * @throws SyntaxError if {@code reason} is longer than 123 UTF-8 bytes
   */
  void close(int code, String reason);

  /**
   * Sends a text message (lone surrogates replaced by U+FFFD) and raises
   * {@link #bufferedAmount()} by its UTF-8 length. While CLOSING or CLOSED nothing is sent but
   * the amount still rises. If the send buffer would exceed the context's
   * {@link dev.duplex.spi.BufferLimitPolicy}, the connection is closed with prejudice
   * ({@code error}, then {@code close} 1006).
   *
   * @param data the message
   * @throws InvalidStateError if the socket is CONNECTING
   */
  void send(String data);

  /**
   * Sends a binary message of the Blob's bytes; otherwise as {@link #send(String)}.
   *
   * @param data the message
   * @throws InvalidStateError if the socket is CONNECTING
   */
  void send(Blob data);

  /**
   * Sends a binary message of a copy of {@code data} taken now (the array may be reused at once);
   * otherwise as {@link #send(String)}.
   *
   * @param data the message
   * @throws InvalidStateError if the socket is CONNECTING
   */
  void send(byte[] data);

  /**
   * Sends a binary message of a copy, taken now, of the bytes from {@code data}'s position to
   * its limit (an {@code ArrayBufferView}); the buffer's position is not changed and it may be
   * reused at once. Otherwise as {@link #send(String)}.
   *
   * @param data the message
   * @throws InvalidStateError if the socket is CONNECTING
   */
  void send(ByteBuffer data);

  /** @return the context the socket belongs to */
  WebSocketContext context();
}
