package dev.duplex.guice;

import dev.duplex.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the injected context's transport in the documented order: a bound
 * {@link TransportProvider}, a bound {@link DuplexTransport} name, the system property
 * {@value DuplexModule#SYSTEM_PROPERTY}, the environment variable
 * {@value DuplexModule#ENVIRONMENT_VARIABLE}, then the provider on the class path with the
 * highest priority (ties broken by name). A name is matched ignoring surrounding blanks and ASCII
 * case ({@code NIO} is {@code nio}, in any locale; no other letters are folded), as
 * {@code duplex-api} matches the builder's name and the system property; the first such provider
 * found wins.
 *
 * <p>Kept apart from {@code duplex-api}'s own choice because the api knows nothing of Guice
 * bindings or of the environment variable, and because a failure here must say which of those
 * named the missing transport.
 *
 * <p>Threading: stateless.
 */
final class TransportResolver {

  /**
   * The chosen provider and how it was chosen.
   *
   * @param provider the provider
   * @param reason how it was chosen, for the log
   */
  record Resolution(TransportProvider provider, String reason) {}

  private static final System.Logger LOG = System.getLogger("dev.duplex");
  /** A bound on broken providers, so that a loader that keeps failing cannot loop forever. */
  private static final int MAX_BROKEN = 64;

  private TransportResolver() {}

  /**
   * The providers registered for {@link ServiceLoader} on this module's class path, skipping
   * (with a warning) any that cannot be loaded.
   *
   * @return the providers found
   */
  static List<TransportProvider> onClassPath() {
    List<TransportProvider> found = new ArrayList<>();
    Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class,
        TransportResolver.class.getClassLoader()).iterator();
    for (int broken = 0; broken < MAX_BROKEN; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        broken++;
        LOG.log(System.Logger.Level.WARNING, "Skipping a transport that could not be loaded.", e);
      }
    }
    return found;
  }

  /**
   * @param bound a bound provider, if any
   * @param boundName a bound name, if any
   * @param property the system property's value, or null
   * @param environment the environment variable's value, or null
   * @param found the providers on the class path
   * @return the choice
   * @throws IllegalStateException naming what is on the class path, if the named transport is
   *     missing or there is none at all
   */
  static Resolution resolve(Optional<TransportProvider> bound, Optional<String> boundName,
      String property, String environment, List<TransportProvider> found) {
    if (bound.isPresent()) {
      return new Resolution(bound.get(), "bound to DuplexKeys.TRANSPORT_PROVIDER");
    }
    if (boundName.isPresent()) {
      return byName(boundName.get(), "the binding DuplexKeys.TRANSPORT", found);
    }
    if (property != null && !property.isBlank()) {
      return byName(property, "the system property " + DuplexModule.SYSTEM_PROPERTY, found);
    }
    if (environment != null && !environment.isBlank()) {
      return byName(environment,
          "the environment variable " + DuplexModule.ENVIRONMENT_VARIABLE, found);
    }
    TransportProvider best = found.stream()
        .min(Comparator.comparingInt(TransportProvider::priority).reversed()
            .thenComparing(TransportProvider::name))
        .orElseThrow(() -> new IllegalStateException("No WebSocket transport is on the class "
            + "path. Add one, for example the Maven artifact dev.duplex:duplex-transport-nio."));
    return new Resolution(best, "the highest priority on the class path: " + describe(found));
  }

  private static Resolution byName(String name, String source, List<TransportProvider> found) {
    String wanted = lowerAscii(name.trim());
    return found.stream()
        .filter(p -> lowerAscii(p.name()).equals(wanted))
        .findFirst()
        .map(p -> new Resolution(p, "named by " + source))
        .orElseThrow(() -> new IllegalStateException("The WebSocket transport \"" + name.trim()
            + "\" named by " + source + " is not on the class path. On the class path: "
            + describe(found) + ". Name one of those, or add the transport's artifact (for "
            + "example dev.duplex:duplex-transport-" + wanted + ")."));
  }

  /**
   * @param name a name
   * @return the name with the ASCII letters {@code A-Z} lowered, and nothing else
   */
  static String lowerAscii(String name) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }

  /**
   * @param found providers
   * @return for example {@code nio (priority 100, dev.duplex...NioTransportProvider), ...}
   */
  static String describe(List<TransportProvider> found) {
    if (found.isEmpty()) {
      return "no transport at all";
    }
    return found.stream()
        .map(p -> p.name() + " (priority " + p.priority() + ", " + p.getClass().getName() + ")")
        .collect(Collectors.joining(", "));
  }
}
