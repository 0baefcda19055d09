/**
 * The W3C "The WebSocket API" in Java, over interchangeable RFC 6455 transports.
 *
 * <p>Start with {@link dev.duplex.WebSocket}, whose class documentation defines the vocabulary
 * (context, event loop, handler, listener), the lifecycle, the threading rules and the null
 * policy, and with {@link dev.duplex.WebSocketContext}, which chooses the transport and holds the
 * policies. The race-free way to open a socket and set its handlers:
 * <pre>{@code
 * try (WebSocketContext context = WebSocketContext.builder().build()) {
 *   context.open("wss://echo.example/", List.of(), ws -> {
 *     ws.onopen(e -> ws.send("hello"));
 *     ws.onmessage(e -> System.out.println(e.data()));
 *     ws.onclose(e -> System.out.println("closed with " + e.code()));
 *   });
 *   ...
 * }
 * }</pre>
 *
 * <p>How the IDL maps to Java: the constructor is {@code open}; attributes are getters (and a
 * setter for {@code binaryType} and each event handler); {@code ArrayBuffer} is a read-only
 * {@link java.nio.ByteBuffer} when received and a {@code byte[]} or {@code ByteBuffer} when sent;
 * the four DOM exceptions are unchecked subclasses of {@link dev.duplex.DOMException}.
 */
package dev.duplex;
