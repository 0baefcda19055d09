package dev.duplex.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of a successful opening handshake.
 *
 * <p>Threading: immutable, safe to share.
 *
 * @param protocol the subprotocol the server selected, {@code ""} if none
 * @param extensions the extensions in use, as the server's {@code Sec-WebSocket-Extensions}
 *     header lists them (several headers joined with {@code ", "}), {@code ""} if none
 * @param headers the response headers, names compared case-insensitively
 */
public record Handshake(String protocol, String extensions, Map<String, List<String>> headers) {

  /** Copies the headers into an unmodifiable, case-insensitive map. */
  public Handshake {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(extensions, "extensions");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
      List<String> all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }));
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * The values of one response header.
   *
   * @param name the header name, in any case
   * @return its values in order, empty if absent
   */
  public List<String> header(String name) {
    return headers.getOrDefault(name, List.of());
  }
}
