package dev.duplex.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads every provider of a service with {@link ServiceLoader}, skipping (and logging) each one
 * that cannot be loaded, as SLF4J and {@code DriverManager} do: a WARNING the first time a
 * provider fails, DEBUG after that.
 *
 * <p>Threading: thread-safe.
 */
final class ServiceLookup {
  private static final System.Logger LOG = System.getLogger("dev.duplex");
  /** A bound on broken providers, so a loader that keeps failing cannot loop forever. */
  private static final int MAX_FAILURES = 64;
  /** The broken providers already warned about (by error message), up to a bound. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final int MAX_WARNED = 256;

  private ServiceLookup() {}

  static <T> List<T> all(Class<T> type) {
    return drain(ServiceLoader.load(type, ServiceLookup.class.getClassLoader()).iterator(), type);
  }

  /** Collects what {@code it} yields, logging and skipping each provider it fails to load. */
  static <T> List<T> drain(Iterator<T> it, Class<T> type) {
    List<T> found = new ArrayList<>();
    int failures = 0;
    while (failures < MAX_FAILURES) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        failures++;
        // Every context looks its providers up again: warn once per broken provider, not per
        // context (the error's message names the provider class).
        boolean first = WARNED.size() < MAX_WARNED && WARNED.add(String.valueOf(e.getMessage()));
        LOG.log(first ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
            "Skipping a " + type.getSimpleName() + " provider that could not be loaded.", e);
      }
    }
    return found;
  }
}
