package dev.duplex.tck.report;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.util.Set;

/**
 * A provider registered for ServiceLoader whose construction fails, as a half-built transport's
 * might.
 *
 * <p>Threading: never constructed successfully.
 */
public final class BrokenProvider implements TransportProvider {
  /** Always fails. */
  public BrokenProvider() {
    throw new IllegalStateException("this provider is broken on purpose");
  }

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public Transport create(TransportConfig config) {
    throw new IllegalStateException("unreachable");
  }
}
