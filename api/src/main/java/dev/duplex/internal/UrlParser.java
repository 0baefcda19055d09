package dev.duplex.internal;

import dev.duplex.SyntaxError;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * W3C section 7, "parse a WebSocket URL's components", on top of {@link URI} (RFC 3986).
 *
 * <p>The steps: strip surrounding spaces and control characters and remove tabs and newlines
 * (as the URL standard does); fail on any {@code #} (step 4: a fragment, even an empty one);
 * fail unless the URL is absolute with the scheme {@code ws} or {@code wss} followed by
 * {@code //} and a non-empty host (steps 1 and 3); convert a non-ASCII host with IDNA and
 * percent-encode everything else that is not ASCII or not allowed in a path or query as UTF-8
 * (step 2); then derive the port (steps 7–8) and the resource name (steps 9–11). User
 * information ({@code user:pass@}) is ignored: a WebSocket URL carries none.
 *
 * <p>Threading: pure function.
 */
public final class UrlParser {
  private static final String PATH_OK =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?";

  private UrlParser() {}

  /**
   * @param input the {@code url} argument
   * @return its components
   * @throws SyntaxError if parsing fails
   * @throws NullPointerException if {@code input} is null
   */
  public static ParsedUrl parse(String input) {
    String s = strip(input);
    if (s.indexOf('#') >= 0) {
      throw fail(input, "has a fragment; WebSocket URLs may not have one");
    }
    int colon = s.indexOf(':');
    if (colon <= 0 || !isScheme(s.substring(0, colon))) {
      throw fail(input, "is not an absolute URL");
    }
    String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw fail(input, "has the scheme \"" + scheme + "\"; only ws and wss are allowed");
    }
    boolean secure = scheme.equals("wss");
    if (!s.startsWith("//", colon + 1)) {
      throw fail(input, "does not name a host (expected " + scheme + "://host/...)");
    }
    int authStart = colon + 3;
    int authEnd = authStart;
    while (authEnd < s.length() && s.charAt(authEnd) != '/' && s.charAt(authEnd) != '?') {
      authEnd++;
    }
    String authority = s.substring(authStart, authEnd);
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String[] hp = splitHostPort(input, hostPort);
    String host = asciiHost(input, hp[0]);
    int port = port(input, hp[1], secure);
    String tail = encode(s.substring(authEnd));
    URI uri;
    try {
      uri = new URI(scheme + "://" + hostAndPort(scheme, host, port) + tail);
    } catch (URISyntaxException e) {
      throw fail(input, "is not a valid URL (" + e.getReason() + ")");
    }
    if (uri.getHost() == null) {
      throw fail(input, "has an invalid host");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String resource = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    String authorityPart = scheme + "://" + hostAndPort(scheme, host, port);
    String href = authorityPart + resource;
    return new ParsedUrl(href, port, secure, scheme.length() + 3 + host.length(),
        authorityPart.length());
  }

  /**
   * @param scheme ws, wss, http or https
   * @param host the host
   * @param port the port, or -1
   * @return {@code host} in lower case, with {@code :port} unless it is the scheme's default
   */
  static String hostAndPort(String scheme, String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("wss") || scheme.equals("https");
    boolean dflt = port == -1 || port == (secure ? 443 : 80);
    return dflt ? h : h + ":" + port;
  }

  private static String strip(String input) {
    int from = 0;
    int to = input.length();
    while (from < to && input.charAt(from) <= 0x20) {
      from++;
    }
    while (to > from && input.charAt(to - 1) <= 0x20) {
      to--;
    }
    StringBuilder b = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = input.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isScheme(String s) {
    if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7F) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c < 0x80 && Character.isLetterOrDigit(c)) || c == '+' || c == '-' || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String[] splitHostPort(String input, String hostPort) {
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw fail(input, "has an IPv6 address without its closing bracket");
      }
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw fail(input, "has characters after its IPv6 address");
      }
      return new String[] {hostPort.substring(0, close + 1), rest.isEmpty() ? "" : rest.substring(1)};
    }
    int colon = hostPort.lastIndexOf(':');
    return colon < 0
        ? new String[] {hostPort, ""}
        : new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
  }

  private static String asciiHost(String input, String host) {
    if (host.isEmpty()) {
      throw fail(input, "has an empty host");
    }
    for (int i = 0; i < host.length(); i++) {
      if (host.charAt(i) > 0x7F) {
        try {
          return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
          throw fail(input, "has a host that is not a valid internationalized domain name");
        }
      }
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static int port(String input, String port, boolean secure) {
    if (port.isEmpty()) {
      return secure ? 443 : 80;
    }
    if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw fail(input, "has the invalid port \"" + port + "\"");
    }
    int p = Integer.parseInt(port);
    if (p > 65535) {
      throw fail(input, "has the port " + p + ", above 65535");
    }
    return p;
  }

  /** Percent-encodes, as UTF-8, every character not allowed in a URI path or query. */
  private static String encode(String tail) {
    String t = Utf8.sanitize(tail);
    StringBuilder b = null;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = PATH_OK.indexOf(c) >= 0 || (c == '%' && isPercentEscape(t, i));
      if (ok) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(t.length() + 16).append(t, 0, i);
      }
      int end = Character.isHighSurrogate(c) && i + 1 < t.length() ? i + 2 : i + 1;
      for (byte x : t.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
      }
      i = end - 1;
    }
    return b == null ? t : b.toString();
  }

  private static boolean isPercentEscape(String t, int i) {
    return i + 2 < t.length() && Character.digit(t.charAt(i + 1), 16) >= 0
        && Character.digit(t.charAt(i + 2), 16) >= 0;
  }

  private static SyntaxError fail(String input, String why) {
    return new SyntaxError("The URL \"" + input + "\" " + why + ".");
  }
}
