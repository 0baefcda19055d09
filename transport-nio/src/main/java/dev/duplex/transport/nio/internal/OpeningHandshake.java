package dev.duplex.transport.nio.internal;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Handshake;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1): the request, with a fresh
 * {@code Sec-WebSocket-Key}, and every check the client must make on the server's response.
 * Redirects are never followed: any status but 101 fails.
 *
 * <p>Threading: created on any thread, then confined to the connection's selector thread.
 */
final class OpeningHandshake {
  private static final SecureRandom KEYS = new SecureRandom();

  private final ConnectRequest request;
  private final String key;
  private PerMessageDeflate deflate;

  OpeningHandshake(ConnectRequest request) {
    this.request = request;
    byte[] nonce = new byte[16];
    KEYS.nextBytes(nonce);
    this.key = Base64.getEncoder().encodeToString(nonce);
  }

  String key() {
    return key;
  }

  /** @return the permessage-deflate parameters the server accepted, or null */
  PerMessageDeflate deflate() {
    return deflate;
  }

  /** @return the HTTP request (RFC 6455 4.1, requirements 1 to 12) */
  ByteBuffer request() throws WebSocketFailure {
    StringBuilder r = new StringBuilder(256);
    r.append("GET ").append(request.resourceName()).append(" HTTP/1.1\r\n");
    header(r, "Host", request.hostHeader());
    header(r, "Upgrade", "websocket");
    header(r, "Connection", "Upgrade");
    header(r, "Sec-WebSocket-Key", key);
    header(r, "Sec-WebSocket-Version", "13");
    if (!request.protocols().isEmpty()) {
      header(r, "Sec-WebSocket-Protocol", String.join(", ", request.protocols()));
    }
    if (request.permessageDeflate()) {
      header(r, "Sec-WebSocket-Extensions", PerMessageDeflate.OFFER);
    }
    if (request.origin().isPresent()) {
      header(r, "Origin", request.origin().get());
    }
    for (Map.Entry<String, String> h : request.headers()) {
      header(r, h.getKey(), h.getValue());
    }
    r.append("\r\n");
    return ByteBuffer.wrap(r.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void header(StringBuilder r, String name, String value) throws WebSocketFailure {
    if (name.isEmpty() || containsLineBreak(name) || containsLineBreak(value)
        || name.indexOf(':') >= 0) {
      throw WebSocketFailure.handshake("The request header \"" + name
          + "\" has an invalid name or a line break in its value.");
    }
    r.append(name).append(": ").append(value).append("\r\n");
  }

  private static boolean containsLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
  }

  /**
   * Checks the server's response (RFC 6455 4.1, the client's requirements 1 to 6 on the
   * response).
   *
   * @return the handshake to report to the listener
   * @throws WebSocketFailure naming the first requirement the response breaks
   */
  Handshake validate(HttpResponseReader.Response response) throws WebSocketFailure {
    if (response.status() != 101) {
      String redirect = response.status() >= 300 && response.status() < 400
          ? "; redirects are not followed" : "";
      throw WebSocketFailure.handshake("The server answered " + response.status() + " "
          + response.reason() + " instead of 101 Switching Protocols" + redirect + ".");
    }
    List<String> upgrade = response.values("Upgrade");
    if (upgrade.size() != 1 || !upgrade.get(0).equalsIgnoreCase("websocket")) {
      throw WebSocketFailure.handshake("The server's Upgrade header is " + upgrade
          + ", not \"websocket\".");
    }
    if (!tokens(response.values("Connection")).contains("upgrade")) {
      throw WebSocketFailure.handshake("The server's Connection header " + response.values("Connection")
          + " does not contain the token \"Upgrade\".");
    }
    List<String> accept = response.values("Sec-WebSocket-Accept");
    String expected = WebSocketProtocol.acceptHeader(key);
    if (accept.size() != 1 || !accept.get(0).equals(expected)) {
      throw WebSocketFailure.handshake("The server's Sec-WebSocket-Accept " + accept
          + " is not the expected \"" + expected + "\".");
    }
    String protocol = checkProtocol(response.values("Sec-WebSocket-Protocol"));
    List<String> extensions = response.values("Sec-WebSocket-Extensions");
    checkExtensions(extensions);
    return new Handshake(protocol, String.join(", ", extensions), response.headers());
  }

  private String checkProtocol(List<String> selected) throws WebSocketFailure {
    if (selected.isEmpty()) {
      if (!request.protocols().isEmpty()) {
        throw WebSocketFailure.handshake("The server selected none of the subprotocols offered, "
            + request.protocols() + ".");
      }
      return "";
    }
    if (selected.size() != 1 || !request.protocols().contains(selected.get(0))) {
      throw WebSocketFailure.handshake("The server selected the subprotocol " + selected
          + ", which is not one of those offered, " + request.protocols() + ".");
    }
    return selected.get(0);
  }

  private void checkExtensions(List<String> headers) throws WebSocketFailure {
    for (String header : headers) {
      for (String extension : header.split(",")) {
        String[] parts = extension.split(";");
        String name = parts[0].trim();
        if (name.isEmpty() && parts.length == 1) {
          continue; // an empty list element is allowed by the #rule
        }
        if (!name.equalsIgnoreCase(PerMessageDeflate.NAME) || !request.permessageDeflate()) {
          throw WebSocketFailure.handshake("The server's response uses the extension \"" + name
              + "\", which was not offered.");
        }
        if (deflate != null) {
          throw WebSocketFailure.handshake("The server's response lists permessage-deflate twice.");
        }
        List<String> params = new ArrayList<>(List.of(parts).subList(1, parts.length));
        deflate = PerMessageDeflate.accept(params);
      }
    }
  }

  private static List<String> tokens(List<String> values) {
    List<String> tokens = new ArrayList<>();
    for (String value : values) {
      for (String token : value.split(",")) {
        tokens.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    return tokens;
  }
}
