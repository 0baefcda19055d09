package dev.duplex.internal;

import dev.duplex.spi.TransportProvider;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Chooses a context's transport: the builder's explicit provider or name, then the system
 * property {@code duplex.transport}, then the provider found with {@link java.util.ServiceLoader}
 * with the highest priority (ties broken by name); else a clear error. A name matches a
 * provider's {@link TransportProvider#name()} ignoring ASCII case ({@code NIO} is {@code nio}, in
 * any locale; no other letters are folded), as {@code duplex-guice} matches it; the first such
 * provider found wins.
 *
 * <p>Threading: stateless.
 */
public final class TransportSelector {
  /** The system property naming the transport to use. */
  public static final String PROPERTY = "duplex.transport";
  private static final System.Logger LOG = System.getLogger("dev.duplex");

  private TransportSelector() {}

  /**
   * A chosen provider and why it was chosen.
   *
   * @param provider the provider
   * @param reason how it was chosen, for the log
   */
  public record Choice(TransportProvider provider, String reason) {}

  /**
   * Chooses with the real system property and {@link java.util.ServiceLoader}, and logs it.
   *
   * @param settings the builder's settings
   * @return the choice
   * @throws IllegalStateException if no suitable transport is found
   */
  public static Choice select(ContextSettings settings) {
    return select(settings.transport(), settings.transportName(),
        System.getProperty(PROPERTY), ServiceLookup.all(TransportProvider.class));
  }

  /**
   * Chooses among {@code found}, and logs the choice.
   *
   * @param explicit the builder's provider, or null
   * @param explicitName the builder's provider name, or null
   * @param property the value of {@code duplex.transport}, or null
   * @param found the providers found with ServiceLoader
   * @return the choice
   * @throws IllegalStateException if no suitable transport is found
   */
  public static Choice select(TransportProvider explicit, String explicitName, String property,
      List<TransportProvider> found) {
    Choice choice;
    if (explicit != null) {
      choice = new Choice(explicit, "given to the context builder");
    } else if (explicitName != null) {
      choice = new Choice(byName(explicitName, found, "the context builder"),
          "named on the context builder");
    } else if (property != null && !property.isBlank()) {
      choice = new Choice(byName(property.trim(), found, "the system property " + PROPERTY),
          "named by the system property " + PROPERTY);
    } else {
      choice = new Choice(best(found), "highest priority of " + describe(found));
    }
    LOG.log(System.Logger.Level.DEBUG, "Duplex uses the transport \"{0}\" ({1}).",
        choice.provider().name(), choice.reason());
    return choice;
  }

  private static TransportProvider byName(String name, List<TransportProvider> found, String who) {
    return found.stream().filter(p -> equalsIgnoringAsciiCase(name, p.name())).findFirst().orElseThrow(() ->
        new IllegalStateException("The transport \"" + name + "\" named by " + who
            + " was not found; found " + describe(found) + ". " + HOW_TO_ADD));
  }

  /**
   * @param a a name
   * @param b another
   * @return whether they are equal once the ASCII letters {@code A-Z} are lowered, and nothing else
   */
  static boolean equalsIgnoringAsciiCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (lowerAscii(a.charAt(i)) != lowerAscii(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static TransportProvider best(List<TransportProvider> found) {
    if (found.isEmpty()) {
      throw new IllegalStateException("No WebSocket transport was found. " + HOW_TO_ADD);
    }
    return found.stream()
        .min(Comparator.comparingInt(TransportProvider::priority).reversed()
            .thenComparing(TransportProvider::name))
        .orElseThrow();
  }

  private static String describe(List<TransportProvider> found) {
    if (found.isEmpty()) {
      return "none";
    }
    return found.stream().map(p -> p.name() + " (priority " + p.priority() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static final String HOW_TO_ADD = "Add a transport to the class or module path, for "
      + "example dev.duplex:duplex-transport-nio, or pass one to "
      + "WebSocketContext.builder().transport(...).";
}
