package dev.duplex.transport.nio;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.transport.nio.internal.NioTransport;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code "nio"} transport: RFC 6455 (and RFC 7692 permessage-deflate) implemented directly on
 * {@code java.nio}, with TLS by {@link javax.net.ssl.SSLEngine}, needing nothing but the JDK.
 * Its priority (100) makes it the default when several transports are present.
 *
 * <p>Settings ({@link TransportConfig#property}): {@code nio.selectorThreads}, the number of
 * selector threads shared by all connections (default: the number of processors), and
 * {@code nio.resolverThreads}, the threads that resolve host names and run TLS certificate checks
 * (default 4).
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class NioTransportProvider implements TransportProvider {
  /** The priority that makes this transport the default. */
  public static final int PRIORITY = 100;

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public NioTransportProvider() {}

  @Override
  public String name() {
    return "nio";
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Set<Capability> capabilities() {
    // Listed one by one (not allOf): a capability added to the spi later is claimed only once
    // this transport has it and a test proves it.
    return EnumSet.of(Capability.STRICT_UTF8, Capability.EMPTY_CLOSE_FRAME,
        Capability.CONNECTION_TOKEN_LIST, Capability.FRAME_MASKING, Capability.TLS,
        Capability.PERMESSAGE_DEFLATE, Capability.HTTP_PROXY, Capability.KEEP_ALIVE,
        Capability.HANDSHAKE_TIMEOUT, Capability.MAX_MESSAGE_SIZE);
  }

  @Override
  public Transport create(TransportConfig config) {
    return new NioTransport(config);
  }
}
