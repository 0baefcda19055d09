package dev.duplex.internal;

import dev.duplex.InvalidAccessError;
import dev.duplex.SyntaxError;
import dev.duplex.spi.CloseCodes;

/**
 * Steps 1 and 2 of the W3C {@code close()} method: the validated code and reason to put in the
 * Close frame.
 *
 * <p>Threading: immutable.
 *
 * @param code 1000, 3000–4999, or 1005 when {@code close()} was called without a code
 * @param reason the reason, with lone surrogates replaced, at most 123 UTF-8 bytes
 */
public record CloseArguments(int code, String reason) {
  /** The longest reason, in UTF-8 bytes (a control frame body is 125 bytes, 2 for the code). */
  public static final int MAX_REASON_BYTES = 123;

  /** {@code close()} without arguments: a Close frame with no body. */
  public static final CloseArguments NONE = new CloseArguments(CloseCodes.NO_STATUS_RECEIVED, "");

  /**
   * Validates {@code close(code, reason)}. WebIDL's {@code [Clamp] unsigned short} would clamp a
   * value outside 0–65535 to 0 or 65535, and neither is allowed, so any other {@code int} is
   * rejected the same way.
   *
   * @param code the code the application passed
   * @param rawReason the reason it passed, or null for "absent"
   * @return the arguments
   * @throws InvalidAccessError if {@code code} is neither 1000 nor in 3000–4999 (step 1)
   * @throws SyntaxError if the reason is longer than 123 bytes as UTF-8 (step 2)
   */
  public static CloseArguments of(int code, String rawReason) {
    if (!CloseCodes.isApplicationCode(code)) {
      throw new InvalidAccessError("The close code must be 1000 or between 3000 and 4999, not "
          + code + ".");
    }
    if (rawReason == null) {
      return new CloseArguments(code, "");
    }
    String reason = Utf8.sanitize(rawReason);
    long bytes = Utf8.length(reason);
    if (bytes > MAX_REASON_BYTES) {
      throw new SyntaxError("The close reason must be at most " + MAX_REASON_BYTES
          + " bytes as UTF-8; it is " + bytes + ".");
    }
    return new CloseArguments(code, reason);
  }
}
