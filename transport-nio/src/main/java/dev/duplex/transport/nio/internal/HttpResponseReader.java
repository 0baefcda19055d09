package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the head of one HTTP/1.1 response (status line and header fields, RFC 9112), as the
 * opening handshake and a proxy's CONNECT answer need, from whatever bytes arrive. The head may
 * not exceed {@link #MAX_HEAD} bytes, so a hostile server cannot make the client buffer without
 * bound. Bytes after the head are left in the caller's buffer (they may be the first frames).
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread.
 */
final class HttpResponseReader {
  /** The largest response head accepted. */
  static final int MAX_HEAD = 8192;

  /** A parsed response head. Header names compare case-insensitively. */
  record Response(int status, String reason, Map<String, List<String>> headers) {
    List<String> values(String name) {
      return headers.getOrDefault(name, List.of());
    }
  }

  private final String what;
  private byte[] head = new byte[512];
  private int size;

  /** @param what how errors name the response, e.g. "handshake response" */
  HttpResponseReader(String what) {
    this.what = what;
  }

  /**
   * Consumes bytes from {@code in} up to the end of the head.
   *
   * @return the response once its head is complete, else null (all of {@code in} consumed)
   */
  Response read(ByteBuffer in) throws WebSocketFailure {
    while (in.hasRemaining()) {
      if (size == head.length) {
        if (size == MAX_HEAD) {
          throw WebSocketFailure.handshake("The server's " + what + " exceeds " + MAX_HEAD
              + " bytes without ending its header fields.");
        }
        head = java.util.Arrays.copyOf(head, Math.min(MAX_HEAD, size * 2));
      }
      head[size++] = in.get();
      if (size >= 4 && head[size - 1] == '\n' && head[size - 2] == '\r'
          && head[size - 3] == '\n' && head[size - 4] == '\r') {
        return parse(new String(head, 0, size - 4, StandardCharsets.ISO_8859_1));
      }
    }
    return null;
  }

  private Response parse(String text) throws WebSocketFailure {
    String[] lines = text.split("\r\n", -1);
    String statusLine = lines[0];
    // status-line = HTTP-version SP status-code SP [ reason-phrase ]
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
        || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
      throw WebSocketFailure.handshake("The server's " + what + " does not begin with an HTTP/1.1 "
          + "status line: \"" + printable(statusLine) + "\".");
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw WebSocketFailure.handshake("The server's " + what + " has no numeric status code: \""
          + printable(statusLine) + "\".");
    }
    String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
          || line.substring(0, colon).indexOf(' ') >= 0) {
        throw WebSocketFailure.handshake("The server's " + what + " has a malformed header line: \""
            + printable(line) + "\".");
      }
      headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>(1))
          .add(line.substring(colon + 1).trim());
    }
    return new Response(status, reason, headers);
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
