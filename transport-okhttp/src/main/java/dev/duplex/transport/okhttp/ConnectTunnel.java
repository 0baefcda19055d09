package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * Opens an HTTP CONNECT tunnel on a socket already connected to the proxy (RFC 9110 9.3.6, as
 * RFC 6455 4.1 asks of a client behind a proxy). Written here because OkHttp tunnels only TLS
 * connections and the JDK offers CONNECT only inside its HTTP clients.
 *
 * <p>Threading: called on the connecting thread before the socket is used.
 */
final class ConnectTunnel {
  private static final int MAX_HEAD = 64 << 10;

  private ConnectTunnel() {}

  /**
   * Sends {@code CONNECT host:port} on the raw streams of a socket connected to the proxy and reads the proxy's answer up to its empty line, one byte
   * at a time so that nothing of the tunnelled stream is consumed.
   *
   * @throws IOException if the proxy refuses (any status but 2xx) or answers garbage
   */
  static void open(InputStream in, OutputStream out, InetSocketAddress target) throws IOException {
    String authority = authority(target);
    out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0 || head.length() > MAX_HEAD) {
        throw new ProtocolException("The proxy closed or overran its answer to CONNECT " + authority + ".");
      }
      head.append((char) b);
    }
    String status = head.substring(0, head.indexOf("\r\n"));
    String[] parts = status.split(" ");
    if (parts.length < 2 || !parts[1].startsWith("2") || parts[1].length() != 3) {
      throw new ProtocolException("The proxy refused CONNECT " + authority + ": '" + status + "'.");
    }
  }

  private static String authority(InetSocketAddress target) {
    String host = target.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + target.getPort();
  }
}
