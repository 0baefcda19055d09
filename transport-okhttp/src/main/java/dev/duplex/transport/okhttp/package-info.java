/**
 * The {@code "okhttp"} transport: {@link dev.duplex.transport.okhttp.OkHttpTransportProvider}
 * adapts OkHttp 5's WebSocket client to the Duplex spi, adding the handshake checks, close replies,
 * send-queue handling and callback discipline the W3C semantics need. Everything else in the
 * package is internal.
 */
package dev.duplex.transport.okhttp;
