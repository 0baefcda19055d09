package dev.duplex;

/**
 * The {@code close} event (W3C section 8, {@code CloseEvent}): whether the connection closed
 * cleanly, the close code and the close reason. A connection that failed, for whatever reason,
 * reports code 1006 and an empty reason; the cause is never visible here (it goes to the
 * context's {@link dev.duplex.spi.FailureObserver}).
 *
 * <p>Threading: immutable once dispatched.
 */
public class CloseEvent extends Event {
  private final boolean wasClean;
  private final int code;
  private final String reason;

  /**
   * Creates an event with {@code wasClean} false, code 0 and an empty reason.
   *
   * @param type the event type
   * @throws NullPointerException if {@code type} is null
   */
  public CloseEvent(String type) {
    this(type, new CloseEventInit());
  }

  /**
   * @param type the event type
   * @param init the initial values
   * @throws NullPointerException if an argument is null
   */
  public CloseEvent(String type, CloseEventInit init) {
    super(type);
    this.wasClean = init.wasClean();
    this.code = init.code();
    this.reason = init.reason();
  }

  /** @return true if the closing handshake completed before TCP closed */
  public boolean wasClean() {
    return wasClean;
  }

  /** @return the close code: the server's, 1005 if its Close frame had none, 1006 on failure */
  public int code() {
    return code;
  }

  /** @return the close reason, empty if none */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "CloseEvent[type=" + type() + ", wasClean=" + wasClean + ", code=" + code
        + ", reason=" + reason + "]";
  }
}
