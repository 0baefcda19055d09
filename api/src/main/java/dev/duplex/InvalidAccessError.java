package dev.duplex;

/**
 * Thrown when {@code close()} was given a code other than 1000 or 3000-4999 ({@link #name()} is {@code "InvalidAccessError"}).
 *
 * <p>Threading: immutable.
 */
public class InvalidAccessError extends DOMException {
  private static final long serialVersionUID = 1L;

  /** @param message a sentence saying what was wrong */
  public InvalidAccessError(String message) {
    super(message, "InvalidAccessError");
  }
}
