package dev.duplex;

/**
 * Thrown when a URL, a subprotocol or a close reason is malformed ({@link #name()} is {@code "SyntaxError"}).
 *
 * <p>Threading: immutable.
 */
public class SyntaxError extends DOMException {
  private static final long serialVersionUID = 1L;

  /** @param message a sentence saying what was wrong */
  public SyntaxError(String message) {
    super(message, "SyntaxError");
  }
}
