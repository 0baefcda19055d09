package dev.duplex.spi;

import java.util.Map;
import java.util.Set;

/**
 * Entry point of a transport implementation, registered for {@link java.util.ServiceLoader}
 * (in {@code META-INF/services/dev.duplex.spi.TransportProvider} and, for a named module, with
 * {@code provides} in {@code module-info}).
 *
 * <p>Duplex chooses a provider in this order: the context builder's explicit choice, the system
 * property {@code duplex.transport} (a {@link #name()}), then the provider with the highest
 * {@link #priority()} (ties broken by name).
 *
 * <p>New methods arrive as {@code default} methods, so an implementation written today keeps
 * compiling.
 *
 * <p>Threading: implementations must be safe to call from any thread; they are usually stateless.
 */
public interface TransportProvider {

  /**
   * The transport's short, stable, lower-case name, for example {@code "nio"}, {@code "jetty"}
   * or {@code "okhttp"}; used by the {@code duplex.transport} property and in reports.
   *
   * @return the name; never empty
   */
  String name();

  /**
   * Preference among several providers on the class path: the highest wins.
   *
   * @return the priority; 0 unless overridden
   */
  default int priority() {
    return 0;
  }

  /**
   * What this transport can do. Optional clauses of the TCK run only where claimed; required
   * capabilities that are not claimed must be explained in {@link #knownDeviations()}.
   *
   * @return the claimed capabilities, never null
   */
  Set<Capability> capabilities();

  /**
   * The {@linkplain Capability#required() required} behaviours this transport cannot provide,
   * each with the reason (for example "OkHttp replaces invalid UTF-8 with U+FFFD and offers no
   * hook to detect it"). The TCK reports each as a known deviation, never as a pass.
   *
   * @return capability to reason; empty unless overridden
   */
  default Map<Capability, String> knownDeviations() {
    return Map.of();
  }

  /**
   * Creates a transport instance. The caller owns it and must {@linkplain Transport#close()
   * close} it; one instance is normally shared by all the connections of one context.
   *
   * @param config TLS, proxy and transport-specific settings
   * @return a new transport, not yet connected to anything
   */
  Transport create(TransportConfig config);
}
