/**
 * Transport contract and policy hooks of Duplex.
 *
 * <h2>Transports</h2>
 * A {@link dev.duplex.spi.TransportProvider} (found with {@link java.util.ServiceLoader}) creates
 * {@link dev.duplex.spi.Transport}s. A transport opens {@link dev.duplex.spi.Connection}s for
 * {@link dev.duplex.spi.ConnectRequest}s and reports what happens on the wire to a
 * {@link dev.duplex.spi.ConnectionListener}. Transports speak the RFC 6455 layer only: they know
 * nothing of events, {@code readyState}, {@code Blob} or {@code bufferedAmount}; the one
 * implementation of the W3C algorithms lives in {@code duplex-api} on top of them.
 *
 * <h2>Policies</h2>
 * Each policy is a small interface with a default, found with {@link java.util.ServiceLoader}
 * (first provider wins) unless set explicitly on the {@code WebSocketContext} builder:
 * {@link dev.duplex.spi.PortBlockingPolicy}, {@link dev.duplex.spi.CookieStorePolicy},
 * {@link dev.duplex.spi.MixedContentPolicy}, {@link dev.duplex.spi.BufferLimitPolicy},
 * {@link dev.duplex.spi.MessageSizePolicy}, {@link dev.duplex.spi.HandshakeTimeoutPolicy},
 * {@link dev.duplex.spi.KeepAlivePolicy}, {@link dev.duplex.spi.EventLoopPolicy},
 * {@link dev.duplex.spi.FailureObserver}.
 *
 * <h2>Null policy</h2>
 * Unless a parameter or return value is documented as nullable, passing {@code null} throws
 * {@link java.lang.NullPointerException}.
 */
package dev.duplex.spi;
