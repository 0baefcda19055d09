package dev.duplex.internal;

import java.net.URI;

/**
 * The result of "parse a WebSocket URL's components" (W3C section 7).
 *
 * <p>Threading: immutable.
 *
 * @param uri the URL as a {@link URI}, ASCII only, the form handed to transports
 * @param href its serialization, the value of the {@code url} attribute
 * @param host the host, lower case (IPv6 literals in brackets)
 * @param port the port, the scheme's default when the URL has none
 * @param resourceName the path (at least {@code /}) and {@code ?query} if any
 * @param secure true for {@code wss:}
 */
public record ParsedUrl(URI uri, String href, String host, int port, String resourceName,
    boolean secure) {

  /** @return the Unicode serialization of the URL's origin, for {@code MessageEvent.origin} */
  public String origin() {
    String scheme = secure ? "wss" : "ws";
    String unicodeHost = host.startsWith("[") ? host : java.net.IDN.toUnicode(host);
    return scheme + "://" + UrlParser.hostAndPort(scheme, unicodeHost, port);
  }

  /** @return the URL with {@code ws}/{@code wss} replaced by {@code http}/{@code https}, for cookies */
  public URI httpUri() {
    return URI.create((secure ? "https" : "http") + href.substring(secure ? 3 : 2));
  }
}
