package dev.duplex.internal;

import java.net.URI;

/**
 * The result of "parse a WebSocket URL's components" (W3C section 7), kept as small as a socket
 * that lives for days deserves: only its serialization ({@link #href()}), the port and where the
 * host and the resource name lie in it. The other components are derived when asked for, which
 * the engine does once, when it connects.
 *
 * <p>Threading: immutable.
 */
public final class ParsedUrl {
  private final String href;
  private final int port;
  private final boolean secure;
  /** {@code href} is {@code scheme://host[:port]resource}; host ends here. */
  private final int hostEnd;
  private final int resourceStart;

  /**
   * @param href the serialization: {@code ws://} or {@code wss://}, the host in lower case
   *     (IPv6 literals in brackets), {@code :port} unless it is the scheme's default, and the
   *     resource name
   * @param port the port, the scheme's default when the URL has none
   * @param secure true for {@code wss:}
   * @param hostEnd the index in {@code href} where the host ends
   * @param resourceStart the index in {@code href} where the resource name begins
   */
  ParsedUrl(String href, int port, boolean secure, int hostEnd, int resourceStart) {
    this.href = href;
    this.port = port;
    this.secure = secure;
    this.hostEnd = hostEnd;
    this.resourceStart = resourceStart;
  }

  /** @return the URL as a new {@link URI}, ASCII only, the form handed to transports */
  public URI uri() {
    return URI.create(href);
  }

  /** @return the serialization, the value of the {@code url} attribute */
  public String href() {
    return href;
  }

  /** @return the host, lower case (IPv6 literals in brackets) */
  public String host() {
    return href.substring(secure ? 6 : 5, hostEnd);
  }

  /** @return the port, the scheme's default when the URL has none */
  public int port() {
    return port;
  }

  /** @return the path (at least {@code /}) and {@code ?query} if any */
  public String resourceName() {
    return href.substring(resourceStart);
  }

  /** @return true for {@code wss:} */
  public boolean secure() {
    return secure;
  }

  /** @return the Unicode serialization of the URL's origin, for {@code MessageEvent.origin} */
  public String origin() {
    String scheme = secure ? "wss" : "ws";
    String h = host();
    String unicodeHost = h.startsWith("[") ? h : java.net.IDN.toUnicode(h);
    return scheme + "://" + UrlParser.hostAndPort(scheme, unicodeHost, port);
  }

  /** @return the URL with {@code ws}/{@code wss} replaced by {@code http}/{@code https}, for cookies */
  public URI httpUri() {
    return URI.create((secure ? "https" : "http") + href.substring(secure ? 3 : 2));
  }

  @Override
  public String toString() {
    return href;
  }
}
