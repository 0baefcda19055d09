package dev.duplex;

import java.util.Objects;

/**
 * The initial values of a {@link CloseEvent} ({@code dictionary CloseEventInit}): by default
 * {@code wasClean} false, {@code code} 0 and {@code reason} empty.
 *
 * <p>Threading: confined to one thread while being filled in.
 */
public final class CloseEventInit {
  private boolean wasClean;
  private int code;
  private String reason = "";

  /** Creates the defaults. */
  public CloseEventInit() {}

  /**
   * @param wasClean whether the connection closed cleanly
   * @return this
   */
  public CloseEventInit wasClean(boolean wasClean) {
    this.wasClean = wasClean;
    return this;
  }

  /**
   * @param code the close code, 0 to 65535 (an IDL {@code unsigned short})
   * @return this
   * @throws IllegalArgumentException if {@code code} is outside 0–65535
   */
  public CloseEventInit code(int code) {
    if (code < 0 || code > 0xFFFF) {
      throw new IllegalArgumentException("A close code is between 0 and 65535, not " + code + ".");
    }
    this.code = code;
    return this;
  }

  /**
   * @param reason the close reason
   * @return this
   * @throws NullPointerException if {@code reason} is null
   */
  public CloseEventInit reason(String reason) {
    this.reason = Objects.requireNonNull(reason, "reason");
    return this;
  }

  /** @return whether the connection closed cleanly */
  public boolean wasClean() {
    return wasClean;
  }

  /** @return the close code */
  public int code() {
    return code;
  }

  /** @return the close reason */
  public String reason() {
    return reason;
  }
}
