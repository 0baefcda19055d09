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
  COUNT_UTF16_TRANSMITTED,
  /** Compares response header names and the Upgrade value case-sensitively. */
  CASE_SENSITIVE_HEADERS,
  /** Loses bytes that arrived together with the 101 response. */
  DROP_BYTES_AFTER_RESPONSE,
  /** Reports no response headers in the Handshake. */
  DROP_RESPONSE_HEADERS,
  /** Reads the 16-bit payload length as a signed number. */
  SIGNED_16BIT_LENGTH,
  /** Sets RSV1 on the text frames it sends. */
  SET_RSV1_ON_TEXT,
  /** Lets a new data frame restart a fragmented message. */
  ALLOW_NEW_MESSAGE_IN_FRAGMENTED,
  /** Delivers every fragment as a message of its own. */
  DELIVER_FRAGMENTS_SEPARATELY,
  /** Treats a one-byte Close body as no body. */
  ACCEPT_ONE_BYTE_CLOSE,
  /** Keeps delivering data frames after the server's Close. */
  DELIVER_AFTER_CLOSE,
  /** Keeps sending messages after its own Close frame. */
  SEND_AFTER_CLOSE,
  /** Fails the connection on a pong it did not ask for. */
  FAIL_ON_UNSOLICITED_PONG,
  /** Accepts control frames longer than 125 bytes. */
  ALLOW_LONG_CONTROL_FRAMES,
  /** Reads the bytes of a borrowed send after the call has returned, not during it. */
  READ_LENT_BYTES_LATE,
  /** Sends the whole backing array of a buffer, ignoring its position and limit. */
  IGNORE_BUFFER_POSITION,
  /** Encodes text as ISO-8859-1. */
  TEXT_AS_LATIN1,
  /** Reports a TCP close without a Close frame as a clean 1000. */
  EOF_IS_CLEAN,
  /** Validates UTF-8 per fragment instead of per message. */
  VALIDATE_UTF8_PER_FRAGMENT,
  /**
   * Validates the UTF-8 of an uncompressed text frame one read at a time, each read as if it were
   * complete, so a character split between two reads is rejected.
   */
  VALIDATE_UTF8_PER_READ,
  /** Rejects the noncharacter U+FFFF, which is valid UTF-8. */
  REJECT_NONCHARACTERS,
  /** Ignores abort() while the handshake is in progress. */
  IGNORE_ABORT_WHILE_CONNECTING,
  /** Offers permessage-deflate even when the request does not ask for it. */
  DEFLATE_ALWAYS_OFFER,
  /** Never offers permessage-deflate. */
  DEFLATE_NEVER_OFFER,
  /** Keeps its compression window although the server imposed client_no_context_takeover. */
  DEFLATE_IGNORE_CLIENT_NO_CONTEXT,
  /** Accepts client_max_window_bits in the response although it was not offered. */
  DEFLATE_ACCEPT_CLIENT_MAX_WINDOW_BITS,
  /** Sends compressed messages without RSV1. */
  DEFLATE_NO_RSV1,
  /** Cuts a received close reason to 60 characters. */
  TRUNCATE_CLOSE_REASON,
  /** Treats a ping without FIN as a whole ping. */
  ALLOW_FRAGMENTED_CONTROL,
  /** Sends at most the first 65535 bytes of a message. */
  TRUNCATE_LARGE_MESSAGES,
  /** Sends 1000 whatever close code it is given. */
  IGNORE_CLOSE_CODE,
  /** Delivers the third message of a connection before the second. */
  SWAP_SECOND_AND_THIRD_MESSAGE,
  /** Opens on a 3xx redirect without checking its headers, as if it were the 101. */
  OPEN_ON_REDIRECT,
  /** Opens on a response that is not HTTP, as if the server had skipped the handshake. */
  OPEN_ON_NON_HTTP_RESPONSE,
  /** Reports the server closing TCP during the opening handshake as a close, not a failure. */
  HANDSHAKE_EOF_AS_CLOSE,
  /** Reports a refused TCP connection as a close, not a failure. */
  REFUSED_AS_CLOSE,
  /** Validates the UTF-8 of a text message only once the whole message has arrived. */
  VALIDATE_UTF8_AT_MESSAGE_END,
  /** Does not report the server's Close frame until TCP has closed. */
  NO_CLOSING_CALLBACK,
  /** Never sends keep-alive pings. */
  NO_KEEP_ALIVE,
  /** Sends keep-alive pings but never notices that the pongs stopped. */
  IGNORE_MISSING_PONGS,
  /** Rejects a message exactly at the size limit. */
  LIMIT_OFF_BY_ONE,
  /** Applies the size limit only to fragmented messages. */
  LIMIT_ONLY_FOR_FRAGMENTS,
  /** Never gives up on an opening handshake. */
  NO_HANDSHAKE_TIMEOUT,
  /** Reports a proxy's refusal of the tunnel as a close, not a failure. */
  PROXY_REFUSAL_AS_CLOSE,
  /** Connects directly, ignoring the proxy selector. */
  IGNORE_PROXY,
  /** Trusts every server certificate. */
  TRUST_ALL_CERTIFICATES,
  /** Never checks the server's host name against its certificate. */
  NO_HOSTNAME_CHECK
}
