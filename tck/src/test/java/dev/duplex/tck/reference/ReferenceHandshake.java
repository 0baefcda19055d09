package dev.duplex.tck.reference;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.TransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The opening handshake of RFC 6455 section 4.1 over a blocking socket: TCP (through an HTTP
 * CONNECT proxy if the selector names one), TLS for {@code wss:}, the request, and every check of
 * the response.
 *
 * <p>Threading: confined to the connection's reader thread.
 */
final class ReferenceHandshake {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private static final Map<String, String> CANONICAL = Map.of("upgrade", "Upgrade", "connection", "Connection",
      "sec-websocket-accept", "Sec-WebSocket-Accept", "sec-websocket-protocol", "Sec-WebSocket-Protocol",
      "sec-websocket-extensions", "Sec-WebSocket-Extensions");

  private final ConnectRequest request;
  private final TransportConfig config;
  private final Set<Fault> faults;
  private ReferenceDeflate deflate;

  ReferenceHandshake(ConnectRequest request, TransportConfig config, Set<Fault> faults) {
    this.request = request;
    this.config = config;
    this.faults = faults;
  }

  /** Opens TCP, through the proxy if any, and TLS if secure. */
  Socket open(Socket socket, int timeoutMillis) throws IOException {
    Proxy proxy = faults.contains(Fault.IGNORE_PROXY) ? null : proxy();
    if (proxy == null) {
      socket.connect(new InetSocketAddress(request.host(), request.port()), timeoutMillis);
    } else {
      socket.connect(proxy.address(), timeoutMillis);
      tunnel(socket);
    }
    if (!request.secure()) {
      return socket;
    }
    try {
      SSLContext ctx = faults.contains(Fault.TRUST_ALL_CERTIFICATES) ? TrustAll.context()
          : config.sslContext().orElse(SSLContext.getDefault());
      SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, request.host(), request.port(), true);
      if (config.verifyHostname() && !faults.contains(Fault.NO_HOSTNAME_CHECK)) {
        SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(p);
      }
      tls.startHandshake();
      return tls;
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("No default TLS context: " + e, e);
    }
  }

  private Proxy proxy() {
    ProxySelector selector = config.proxySelector().orElse(null);
    if (selector == null) {
      return null;
    }
    URI target = URI.create((request.secure() ? "https://" : "http://") + request.hostHeader());
    for (Proxy p : selector.select(target)) {
      if (p.type() == Proxy.Type.HTTP) {
        return p;
      }
    }
    return null;
  }

  private void tunnel(Socket socket) throws IOException {
    String authority = (request.host().indexOf(':') >= 0 ? "[" + request.host() + "]" : request.host()) + ":" + request.port();
    OutputStream out = socket.getOutputStream();
    out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = socket.getInputStream();
    String status = readLine(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[1].equals("200")) {
      throw new TunnelRefused("The proxy refused the tunnel: " + status);
    }
    while (!readLine(in).isEmpty()) {
      // skip the proxy's headers
    }
  }

  /** The proxy answered CONNECT with something other than 200. */
  static final class TunnelRefused extends IOException {
    private static final long serialVersionUID = 1L;

    TunnelRefused(String message) {
      super(message);
    }
  }

  /**
   * Writes the request and validates the response.
   *
   * @return the handshake outcome
   * @throws IOException with a sentence naming the failed check
   */
  Handshake perform(InputStream in, OutputStream out) throws IOException {
    byte[] nonce = new byte[16];
    if (!faults.contains(Fault.FIXED_KEY)) {
      RANDOM.nextBytes(nonce);
    }
    String key = Base64.getEncoder().encodeToString(nonce);
    out.write(requestText(key).getBytes(StandardCharsets.UTF_8));
    out.flush();
    String status = readLine(in);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("A response header line has no colon: " + line);
      }
      String name = line.substring(0, colon).trim();
      String lower = name.toLowerCase(Locale.ROOT);
      if (faults.contains(Fault.CASE_SENSITIVE_HEADERS) && !name.equals(CANONICAL.getOrDefault(lower, name))) {
        lower = "x-miscased-" + lower;
      }
      headers.computeIfAbsent(lower, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    if (!lenientlyOpens(status)) {
      validate(status, headers, key);
    }
    if (faults.contains(Fault.DROP_RESPONSE_HEADERS)) {
      headers = Map.of();
    }
    String protocol = String.join(", ", protocolOf(headers));
    String extensions = String.join(", ", headers.getOrDefault("sec-websocket-extensions", List.of()));
    return new Handshake(protocol, extensions, headers);
  }

  /** Whether a fault opens on this status line without validating the response. */
  private boolean lenientlyOpens(String status) {
    return (faults.contains(Fault.OPEN_ON_REDIRECT) && status.matches("HTTP/1\\.\\d 3\\d\\d.*"))
        || (faults.contains(Fault.OPEN_ON_NON_HTTP_RESPONSE) && !status.startsWith("HTTP/"));
  }

  private String requestText(String key) {
    String resource = request.resourceName();
    if (faults.contains(Fault.DROP_QUERY) && resource.contains("?")) {
      resource = resource.substring(0, resource.indexOf('?'));
    }
    String host = faults.contains(Fault.HOST_WITHOUT_PORT) ? request.host() : request.hostHeader();
    StringBuilder sb = new StringBuilder("GET ").append(resource).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
        .append("Sec-WebSocket-Version: ").append(faults.contains(Fault.WRONG_VERSION) ? "8" : "13").append("\r\n");
    if (!faults.contains(Fault.NO_ORIGIN)) {
      request.origin().ifPresent(o -> sb.append("Origin: ").append(o).append("\r\n"));
    }
    if ((request.permessageDeflate() || faults.contains(Fault.DEFLATE_ALWAYS_OFFER))
        && !faults.contains(Fault.DEFLATE_NEVER_OFFER)) {
      sb.append("Sec-WebSocket-Extensions: permessage-deflate\r\n");
    }
    if (!request.protocols().isEmpty()) {
      sb.append("Sec-WebSocket-Protocol: ").append(String.join(", ", request.protocols())).append("\r\n");
    }
    for (Map.Entry<String, String> h : request.headers()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  private void validate(String status, Map<String, List<String>> headers, String key) throws IOException {
    String[] parts = status.split(" ", 3);
    if (!parts[0].startsWith("HTTP/1.") || parts.length < 2) {
      throw new IOException("The server's response is not HTTP: " + status);
    }
    if (!parts[1].equals("101") && !faults.contains(Fault.SKIP_STATUS_CHECK)) {
      throw new IOException("The server answered " + status + " instead of 101 Switching Protocols");
    }
    boolean upgradeOk = faults.contains(Fault.CASE_SENSITIVE_HEADERS)
        ? List.of("websocket").equals(headers.get("upgrade")) : tokens(headers, "upgrade").equals(List.of("websocket"));
    if (!faults.contains(Fault.SKIP_UPGRADE_CHECK) && !upgradeOk) {
      throw new IOException("The response's Upgrade header is not websocket: " + headers.get("upgrade"));
    }
    boolean connectionOk = faults.contains(Fault.STRICT_CONNECTION_VALUE)
        ? List.of("Upgrade").equals(headers.get("connection")) || List.of("upgrade").equals(headers.get("connection"))
        : tokens(headers, "connection").contains("upgrade");
    if (!faults.contains(Fault.SKIP_CONNECTION_CHECK) && !connectionOk) {
      throw new IOException("The response's Connection header does not list Upgrade: " + headers.get("connection"));
    }
    if (!faults.contains(Fault.SKIP_ACCEPT_CHECK)
        && !List.of(accept(key)).equals(headers.getOrDefault("sec-websocket-accept", List.of()))) {
      throw new IOException("The response's Sec-WebSocket-Accept is wrong: " + headers.get("sec-websocket-accept"));
    }
    List<String> protocol = headers.getOrDefault("sec-websocket-protocol", List.of());
    if (protocol.size() > 1 || (protocol.size() == 1 && !request.protocols().contains(protocol.get(0))
        && !faults.contains(Fault.ACCEPT_UNOFFERED_SUBPROTOCOL))) {
      throw new IOException("The server selected a subprotocol that was not offered: " + protocol);
    }
    if (protocol.isEmpty() && !request.protocols().isEmpty() && !faults.contains(Fault.ACCEPT_MISSING_SUBPROTOCOL)) {
      throw new IOException("The server selected none of the offered subprotocols " + request.protocols());
    }
    List<String> extensions = headers.getOrDefault("sec-websocket-extensions", List.of());
    if (!extensions.isEmpty() && !faults.contains(Fault.ACCEPT_UNOFFERED_EXTENSION)) {
      if (!request.permessageDeflate()) {
        throw new IOException("The server selected an extension that was not offered: " + extensions);
      }
      deflate = ReferenceDeflate.negotiate(String.join(", ", extensions), faults);
    }
  }

  /** @return the negotiated permessage-deflate, or null */
  ReferenceDeflate deflate() {
    return deflate;
  }

  private List<String> protocolOf(Map<String, List<String>> headers) {
    return headers.getOrDefault("sec-websocket-protocol", List.of());
  }

  private static List<String> tokens(Map<String, List<String>> headers, String name) {
    List<String> out = new ArrayList<>();
    for (String v : headers.getOrDefault(name, List.of())) {
      Arrays.stream(v.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  static String accept(String key) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("The server closed the connection during the opening handshake");
      }
      if (c != '\r') {
        line.write(c);
      }
      if (line.size() > 8192) {
        throw new IOException("A handshake response line is longer than 8192 bytes");
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
