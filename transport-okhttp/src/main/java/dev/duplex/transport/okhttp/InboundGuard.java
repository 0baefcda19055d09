package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Watches the bytes OkHttp reads from one WebSocket connection, before OkHttp sees them, to do
 * what OkHttp cannot: fail the connection on invalid UTF-8 (RFC 6455 8.1: OkHttp substitutes
 * U+FFFD) and on a message larger than the maximum size (RFC 6455 7.4.1 and 10.4: OkHttp has no
 * limit and would buffer any message whole).
 *
 * <p>It follows the stream as OkHttp will parse it: the HTTP response up to the empty line (only a
 * 101 response is followed further; its {@code Sec-WebSocket-Extensions} says whether messages
 * may be compressed), then the frames. Text messages and close reasons are checked as UTF-8 as
 * their bytes arrive; messages are counted after decompression (compressed messages are inflated
 * a second time here, only to be counted and checked). Whatever OkHttp itself rejects (masked or
 * reserved frames, unknown opcodes, bad continuations) ends the watch: OkHttp fails the connection
 * on it.
 *
 * <p>{@link #inspect} returns how many bytes of a chunk may pass. When a chunk breaks a rule, only
 * the bytes before the offending one pass (so earlier messages are still delivered and the
 * offending message never completes) and the next read fails with {@link #violation()}.
 *
 * <p>Threading: confined to the socket's reading thread (OkHttp reads one socket from one thread
 * at a time).
 */
final class InboundGuard {
  private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  private enum Phase { HEADERS, FRAME_HEAD, PAYLOAD, PASS_THROUGH }

  private final long maxMessageSize;
  private final Utf8Validator utf8 = new Utf8Validator();
  private final ResponseHead response = new ResponseHead();
  private final FrameHeader head = new FrameHeader();
  private final byte[] closePayload = new byte[125];
  private final byte[] inflated = new byte[16 << 10];
  private Phase phase = Phase.HEADERS;
  private boolean deflate;
  private boolean serverNoContextTakeover;
  private Inflater inflater;

  private long payloadLeft;
  private int closeLength;
  private boolean frameFin;
  private int frameOpcode;

  private boolean inMessage;
  private boolean messageText;
  private boolean messageCompressed;
  private long messageSize;
  private long compressedSize;

  private IOException violation;
  /** Where in the current chunk the broken rule showed; set just before throwing. */
  private int failedAt;

  /** Told when a Close frame's header arrives, before OkHttp sees it; may be null. */
  private volatile Runnable onCloseFrame;

  /** @param maxMessageSize the largest message accepted, after decompression */
  InboundGuard(long maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  /**
   * Asks to be told of the server's Close frame as soon as its header is read. OkHttp's writer
   * may answer that Close and close TCP before its reader calls {@code onClosing}, so the
   * socket's wait for the server (RFC 6455 7.1.1) must learn of the Close here, not there.
   *
   * @param callback runs on the reading thread; must be quick
   */
  void onCloseFrame(Runnable callback) {
    this.onCloseFrame = callback;
  }

  /** @return the rule a previous chunk broke, or null */
  IOException violation() {
    return violation;
  }

  /**
   * Follows {@code len} bytes read from the socket.
   *
   * @return how many of them may pass to OkHttp: all of them, or those before a broken rule (then
   *     {@link #violation()} says which)
   */
  int inspect(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    try {
      while (i < end && phase != Phase.PASS_THROUGH) {
        i = step(b, i, end);
      }
      return len;
    } catch (ProtocolException e) {
      violation = e;
      phase = Phase.PASS_THROUGH;
      return Math.max(0, failedAt - off);
    } finally {
      if (phase == Phase.PASS_THROUGH && inflater != null) {
        inflater.end();
        inflater = null;
      }
    }
  }

  private int step(byte[] b, int i, int end) throws ProtocolException {
    switch (phase) {
      case HEADERS:
        return readHeaders(b, i, end);
      case FRAME_HEAD:
        if (head.add(b[i])) {
          frameHeadComplete(i);
        }
        return i + 1;
      case PAYLOAD:
        int n = (int) Math.min(payloadLeft, end - i);
        payload(b, i, n);
        payloadLeft -= n;
        if (payloadLeft == 0) {
          frameComplete(i + n - 1);
        }
        return i + n;
      default:
        return end;
    }
  }

  private int readHeaders(byte[] b, int i, int end) {
    return i + acceptHeaders(b, i, end - i);
  }

  /** @return whether the response head is still being read (frames follow it) */
  boolean readingHeaders() {
    return phase == Phase.HEADERS;
  }

  /**
   * Takes bytes of the response head.
   *
   * @return how many belong to the head; once {@link #readingHeaders()} is false, the rest of
   *     the chunk is frames, for {@link #inspect}
   */
  int acceptHeaders(byte[] b, int off, int n) {
    int used = response.add(b, off, n);
    if (response.complete()) {
      headersComplete();
    } else if (response.overflowed()) {
      phase = Phase.PASS_THROUGH; // not a response OkHttp would accept either
    }
    return used;
  }

  /** @return the response head to give OkHttp (see {@link ResponseHead#forOkHttp()}) */
  byte[] headerBlock() {
    return response.forOkHttp();
  }

  private void headersComplete() {
    if (!response.switchingProtocols()) {
      phase = Phase.PASS_THROUGH; // OkHttp fails the handshake; there are no frames to follow
      return;
    }
    for (String value : response.values("Sec-WebSocket-Extensions")) {
      String v = value.toLowerCase(Locale.ROOT);
      deflate |= v.contains("permessage-deflate");
      serverNoContextTakeover |= v.contains("server_no_context_takeover");
    }
    startFrame();
  }

  private void startFrame() {
    phase = Phase.FRAME_HEAD;
    head.reset();
  }

  private void frameHeadComplete(int at) throws ProtocolException {
    payloadLeft = head.payloadLength();
    frameFin = head.fin();
    frameOpcode = head.opcode();
    Runnable closeSeen = onCloseFrame;
    if (frameOpcode == 0x8 && closeSeen != null) {
      closeSeen.run();
    }
    // A masked server frame, a length with the high bit set, RSV2/RSV3, or any frame OkHttp
    // rejects: OkHttp fails the connection on it itself, so the watch ends here.
    if (head.masked() || payloadLeft < 0 || head.rsv23() || !frameStarts(head.rsv1())) {
      phase = Phase.PASS_THROUGH;
      return;
    }
    phase = Phase.PAYLOAD;
    closeLength = 0;
    if (payloadLeft == 0) {
      frameComplete(at);
    }
  }

  /** @return false if OkHttp will reject this frame */
  private boolean frameStarts(boolean rsv1) throws ProtocolException {
    switch (frameOpcode) {
      case 0x1:
      case 0x2:
        if (inMessage || (rsv1 && !deflate)) {
          return false;
        }
        inMessage = true;
        messageText = frameOpcode == 0x1;
        messageCompressed = rsv1;
        messageSize = 0;
        compressedSize = 0;
        if (messageText) {
          utf8.start();
        }
        if (messageCompressed) {
          if (inflater == null) {
            inflater = new Inflater(true);
          } else if (serverNoContextTakeover) {
            inflater.reset();
          }
        }
        return true;
      case 0x0:
        return inMessage && !rsv1;
      case 0x8:
      case 0x9:
      case 0xA:
        return !rsv1 && frameFin && payloadLeft <= 125;
      default:
        return false;
    }
  }

  private void payload(byte[] b, int off, int n) throws ProtocolException {
    if (frameOpcode == 0x8) {
      System.arraycopy(b, off, closePayload, closeLength, n);
      closeLength += n;
    } else if (frameOpcode <= 0x2) {
      if (messageCompressed) {
        inflate(b, off, n, off + n - 1);
      } else {
        messageBytes(b, off, n, off + n - 1);
      }
    }
  }

  /** Inflates compressed bytes only to count and check them; {@code at} is where they came in. */
  private void inflate(byte[] b, int off, int n, int at) throws ProtocolException {
    compressedSize += n;
    if (compressedSize > maxMessageSize + (maxMessageSize >> 6) + 1024) {
      // Deflate never needs much more room than the data (stored blocks cost 5 bytes per 64 KiB);
      // more is padding that would grow OkHttp's buffer without growing the message.
      throw fail(at, "The server sent a compressed message larger than the maximum message size"
          + " of " + maxMessageSize + " bytes allows (RFC 6455 7.4.1, status 1009).");
    }
    inflater.setInput(b, off, n);
    try {
      int got;
      while ((got = inflater.inflate(inflated)) > 0) {
        messageBytes(inflated, 0, got, at);
      }
    } catch (DataFormatException e) {
      throw fail(at, "A compressed message from the server is not valid deflate data: "
          + e.getMessage());
    }
  }

  /** Counts and checks message bytes (after decompression); {@code at} is where they came in. */
  private void messageBytes(byte[] b, int off, int n, int at) throws ProtocolException {
    messageSize += n;
    if (messageSize > maxMessageSize) {
      throw fail(at, "The server sent a message larger than the maximum message size of "
          + maxMessageSize + " bytes (RFC 6455 7.4.1, status 1009).");
    }
    if (messageText && !utf8.accept(b, off, n)) {
      throw fail(at, "The server sent a text message that is not valid UTF-8 (RFC 6455 8.1,"
          + " status 1007).");
    }
  }

  private void frameComplete(int at) throws ProtocolException {
    if (frameOpcode == 0x8) {
      if (closeLength > 2 && !validUtf8(closePayload, 2, closeLength - 2)) {
        throw fail(at, "The server sent a Close frame whose reason is not valid UTF-8"
            + " (RFC 6455 8.1).");
      }
      phase = Phase.PASS_THROUGH; // nothing after a Close frame is read
      return;
    }
    if (frameOpcode <= 0x2 && frameFin) {
      if (messageCompressed) {
        inflate(DEFLATE_TAIL, 0, DEFLATE_TAIL.length, at);
        if (inflater.finished()) {
          inflater.reset(); // a final block ended the stream; the next message starts a new one
        }
      }
      if (messageText && !utf8.finish()) {
        throw fail(at, "The server sent a text message that ends inside a UTF-8 sequence"
            + " (RFC 6455 8.1, status 1007).");
      }
      inMessage = false;
    }
    startFrame();
  }

  private boolean validUtf8(byte[] b, int off, int n) {
    Utf8Validator v = new Utf8Validator();
    return v.accept(b, off, n) && v.finish();
  }

  private ProtocolException fail(int at, String message) {
    failedAt = at;
    return new ProtocolException(message);
  }
}
