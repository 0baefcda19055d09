package dev.duplex.internal;

import dev.duplex.SyntaxError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * W3C constructor step 5: each subprotocol must be an RFC 2616 {@code token} (RFC 6455 4.1: a
 * non-empty string of characters in U+0021–U+007E that are not separators), and none may occur
 * twice (compared case-sensitively, as the specification says).
 *
 * <p>Threading: pure function.
 */
public final class ProtocolListValidator {
  private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

  private ProtocolListValidator() {}

  /**
   * @param protocols the protocols the application passed
   * @return an immutable copy
   * @throws SyntaxError if one is empty, not a token, or repeated
   * @throws NullPointerException if the list or an element is null
   */
  public static List<String> validate(List<String> protocols) {
    List<String> copy = List.copyOf(protocols);
    Set<String> seen = new HashSet<>();
    for (String p : copy) {
      if (p.isEmpty()) {
        throw new SyntaxError("A subprotocol must not be empty.");
      }
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < 0x21 || c > 0x7E || SEPARATORS.indexOf(c) >= 0) {
          throw new SyntaxError("The subprotocol \"" + p + "\" contains the character U+"
              + String.format("%04X", (int) c) + ", which a token may not contain.");
        }
      }
      if (!seen.add(p)) {
        throw new SyntaxError("The subprotocol \"" + p + "\" is listed more than once.");
      }
    }
    return copy;
  }
}
