package dev.duplex.guice;

import dev.duplex.spi.FailureObserver;
import java.net.URI;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A failure observer registered for {@link java.util.ServiceLoader} in this module's test
 * resources: what an unbound {@link DuplexKeys#FAILURE_OBSERVER} falls back to. Records the URL
 * of every failure it hears.
 *
 * <p>Threading: thread-safe.
 */
public final class RegisteredFailureObserver implements FailureObserver {
  /** Every failed URL any instance heard. */
  static final Queue<URI> HEARD = new ConcurrentLinkedQueue<>();

  /** For ServiceLoader. */
  public RegisteredFailureObserver() {}

  @Override
  public void connectionFailed(URI url, Throwable cause) {
    HEARD.add(url);
  }
}
