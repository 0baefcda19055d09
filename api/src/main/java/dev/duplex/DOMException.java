package dev.duplex;

/**
 * The base of the exceptions that the W3C algorithms throw (WebIDL {@code DOMException}); each
 * subclass reports the specification's {@link #name()}.
 *
 * <p>Threading: immutable.
 */
public class DOMException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The DOMException name, for example {@code "SyntaxError"}. */
  private final String name;

  /**
   * @param message a sentence saying what was wrong
   * @param name the DOMException name, for example {@code "SyntaxError"}
   */
  public DOMException(String message, String name) {
    super(message);
    this.name = name;
  }

  /** @return the DOMException name, for example {@code "SyntaxError"} */
  public String name() {
    return name;
  }
}
