package dev.duplex;

/**
 * Thrown when the connection is forbidden: a blocked port, or {@code ws:} from a secure origin ({@link #name()} is {@code "SecurityError"}).
 *
 * <p>Threading: immutable.
 */
public class SecurityError extends DOMException {
  private static final long serialVersionUID = 1L;

  /** @param message a sentence saying what was wrong */
  public SecurityError(String message) {
    super(message, "SecurityError");
  }
}
