package dev.duplex;

/**
 * Thrown when the object is in the wrong state, for example {@code send} while CONNECTING ({@link #name()} is {@code "InvalidStateError"}).
 *
 * <p>Threading: immutable.
 */
public class InvalidStateError extends DOMException {
  private static final long serialVersionUID = 1L;

  /** @param message a sentence saying what was wrong */
  public InvalidStateError(String message) {
    super(message, "InvalidStateError");
  }
}
