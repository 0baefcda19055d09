package dev.duplex.spi;

import java.net.URI;

/**
 * Whether an insecure connection is refused for the context's origin (W3C constructor step 5:
 * "If secure is false but the origin of the entry script has a scheme component that is itself a
 * secure protocol, e.g. HTTPS, then throw a SecurityError").
 *
 * <p>Default: {@link #secureOriginsOnlySecure()}. Threading: implementations must be thread-safe.
 */
@FunctionalInterface
public interface MixedContentPolicy {

  /**
   * @param origin the context's origin, such as {@code https://app.example}, or null if the
   *     context has none
   * @param target the parsed {@code ws:} or {@code wss:} URL
   * @return true if opening must throw a SecurityError
   */
  boolean isBlocked(String origin, URI target);

  /**
   * Blocks {@code ws:} when the origin's scheme is {@code https} or {@code wss}.
   *
   * @return the default policy
   */
  static MixedContentPolicy secureOriginsOnlySecure() {
    return (origin, target) -> {
      if (origin == null || !"ws".equalsIgnoreCase(target.getScheme())) {
        return false;
      }
      int colon = origin.indexOf(':');
      String scheme = colon < 0 ? "" : origin.substring(0, colon);
      return scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss");
    };
  }
}
