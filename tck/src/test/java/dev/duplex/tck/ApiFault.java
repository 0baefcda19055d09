package dev.duplex.tck;

/**
 * A deliberate bug of the api that {@link FaultyApi} can put between the kit and the real api, so
 * the TCK's self-tests can prove that the W3C clause guarding against it fails (and only that
 * clause). The api implements these algorithms once for every transport, so no transport
 * {@link dev.duplex.tck.reference.Fault} can break them.
 *
 * <p>Threading: immutable.
 */
enum ApiFault {
  /** Takes a close code modulo 2<sup>16</sup> instead of clamping it: 70000 becomes 4464. */
  WRAP_CLOSE_CODE,
  /** Cuts a close reason over 123 UTF-8 bytes down to size instead of throwing SyntaxError. */
  TRUNCATE_LONG_REASON,
  /** Drops the fragment of a URL instead of throwing SyntaxError. */
  IGNORE_URL_FRAGMENT,
  /** Offers a repeated subprotocol once instead of throwing SyntaxError. */
  MERGE_DUPLICATE_PROTOCOLS,
  /** Builds contexts that block no port. */
  BLOCK_NO_PORT,
  /** Builds contexts that allow ws: from a secure origin. */
  ALLOW_MIXED_CONTENT,
  /** Ignores the binaryType setter. */
  IGNORE_BINARY_TYPE,
  /** Drops data sent while CONNECTING instead of throwing InvalidStateError. */
  DROP_SEND_WHILE_CONNECTING,
  /** Drops data sent once closing instead of counting it in bufferedAmount. */
  DROP_SEND_AFTER_CLOSE,
  /** Builds contexts without a buffer limit, so a full buffer never closes with prejudice. */
  NO_BUFFER_LIMIT,
  /** Fires the error event after the close event instead of before it. */
  ERROR_AFTER_CLOSE,
  /** Dispatches messages that arrive after close() was called instead of dropping them. */
  DISPATCH_MESSAGES_AFTER_CLOSE
}
