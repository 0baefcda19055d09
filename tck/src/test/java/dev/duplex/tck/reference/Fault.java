package dev.duplex.tck.reference;

/**
 * A deliberate bug the reference transport can be switched into, so the TCK's self-tests can
 * prove that the clause guarding against it fails (and only that clause).
 *
 * <p>Threading: immutable.
 */
public enum Fault {
  /** Sends {@code GET} with the path but drops the query. */
  DROP_QUERY,
  /** Sends the Host header without the port. */
  HOST_WITHOUT_PORT,
  /** Sends {@code Sec-WebSocket-Version: 8}. */
  WRONG_VERSION,
  /** Uses the same Sec-WebSocket-Key for every connection. */
  FIXED_KEY,
  /** Forgets the Origin header. */
  NO_ORIGIN,
  /** Accepts any status code. */
  SKIP_STATUS_CHECK,
  /** Does not look at the Upgrade header. */
  SKIP_UPGRADE_CHECK,
  /** Does not look at the Connection header. */
  SKIP_CONNECTION_CHECK,
  /** Requires {@code Connection} to be exactly {@code Upgrade}. */
  STRICT_CONNECTION_VALUE,
  /** Does not check Sec-WebSocket-Accept. */
  SKIP_ACCEPT_CHECK,
  /** Accepts a subprotocol that was not offered. */
  ACCEPT_UNOFFERED_SUBPROTOCOL,
  /** Accepts a missing subprotocol when some were offered. */
  ACCEPT_MISSING_SUBPROTOCOL,
  /** Accepts an extension that was not offered. */
  ACCEPT_UNOFFERED_EXTENSION,
  /** Sends frames unmasked. */
  NO_MASK,
  /** Masks every frame with the same key. */
  REUSE_MASK_KEY,
  /** Always writes the 64-bit length form. */
  ALWAYS_64BIT_LENGTH,
  /** Accepts masked frames from the server. */
  ALLOW_MASKED_SERVER_FRAMES,
  /** Ignores reserved bits. */
  ALLOW_RESERVED_BITS,
  /** Treats reserved opcodes as binary. */
  ALLOW_RESERVED_OPCODES,
  /** Fails on a control frame between fragments. */
  REJECT_INTERLEAVED_CONTROL,
  /** Treats a stray continuation as a new binary message. */
  ALLOW_ORPHAN_CONTINUATION,
  /** Answers pings with an empty pong. */
  EMPTY_PONG,
  /** Does not answer pings. */
  IGNORE_PING,
  /** Replaces invalid UTF-8 with U+FFFD. */
  SKIP_UTF8_VALIDATION,
  /** Always sends a code in its Close frame, even for 1005. */
  NO_EMPTY_CLOSE,
  /** Reports the received close code plus one. */
  WRONG_CLOSE_CODE,
  /** Accepts any close code. */
  ACCEPT_INVALID_CLOSE_CODES,
  /** Never closes TCP itself after the closing handshake. */
  NO_CLOSE_TIMEOUT,
  /** Reports {@code transmitted} with the UTF-16 length of text. */
  COUNT_UTF16_TRANSMITTED
}
