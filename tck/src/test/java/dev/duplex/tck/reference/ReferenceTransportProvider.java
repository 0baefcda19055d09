package dev.duplex.tck.reference;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TCK's own, deliberately simple transport: blocking {@link java.net.Socket} I/O, one reader
 * thread and one writer thread per connection. It exists to prove the kit: it runs the kit clean,
 * and with one {@link Fault} switched on it must fail the clause that fault breaks.
 *
 * <p>Threading: immutable; safe from any thread.
 */
public final class ReferenceTransportProvider implements TransportProvider {
  private final Set<Fault> faults;

  /** A correct reference transport. */
  public ReferenceTransportProvider() {
    this(EnumSet.noneOf(Fault.class));
  }

  /** @param faults the bugs to switch on */
  public ReferenceTransportProvider(Set<Fault> faults) {
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.STRICT_UTF8, Capability.EMPTY_CLOSE_FRAME, Capability.CONNECTION_TOKEN_LIST,
        Capability.FRAME_MASKING, Capability.TLS, Capability.HTTP_PROXY, Capability.HANDSHAKE_TIMEOUT,
        Capability.MAX_MESSAGE_SIZE, Capability.KEEP_ALIVE, Capability.PERMESSAGE_DEFLATE);
  }

  @Override
  public Transport create(TransportConfig config) {
    return new ReferenceTransport(config, faults);
  }
}
