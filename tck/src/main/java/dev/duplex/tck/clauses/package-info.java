/**
 * The clause groups: one interface of {@code @Test default} methods per idea (a W3C section, an
 * RFC 6455 topic, an optional capability), all implemented by
 * {@link dev.duplex.tck.TransportVerification}. RFC clauses drive the transport directly through
 * the spi ({@link dev.duplex.tck.client.Client}); W3C clauses go through the api's
 * {@link dev.duplex.WebSocketContext} on top of the transport
 * ({@link dev.duplex.tck.client.ApiSocket}), building every context and opening every socket
 * through {@link dev.duplex.tck.Kit} (never {@code WebSocketContext.open} directly), so that the
 * kit's self-test can run them over a deliberately broken api.
 *
 * <p>Threading: the tests run on JUnit's threads.
 */
package dev.duplex.tck.clauses;
