package dev.duplex.transport.jetty;

import dev.duplex.spi.ConnectRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;

/**
 * Applies the client's checks of RFC 6455 section 4.1 that Jetty 12 leaves out or applies more
 * loosely, on the server's response, before Jetty accepts the upgrade:
 *
 * <ul>
 *   <li>requirement 2: the 101 carries {@code Upgrade: websocket} (Jetty accepts a 101 without
 *       it);
 *   <li>requirement 3: {@code Connection} contains the token {@code Upgrade};
 *   <li>requirement 4: {@code Sec-WebSocket-Accept} is exactly the base64 SHA-1 of the key and
 *       the GUID (Jetty compares without regard to case);
 *   <li>requirement 6: when subprotocols were offered, the server selected exactly one of them,
 *       byte for byte (Jetty accepts a response without one); when none were, it selected none;
 *   <li>requirement 5: no extension unless permessage-deflate was offered, and no
 *       {@code client_max_window_bits}, which Jetty ignores but cannot honour.
 * </ul>
 *
 * <p>It also turns off redirect following for this one request, so a handed-in {@code HttpClient}
 * need not be reconfigured: RFC 6455 4.1 lets a client fail on any status but 101, and the W3C
 * API forbids following redirects.
 *
 * <p>Failing the connection also means closing TCP (RFC 6455 4.1), which Jetty does not do by
 * itself: a response other than 101 is aborted as soon as its head arrives (otherwise Jetty keeps
 * the connection in its pool), and for a 101 the check in {@link #onHandshakeResponse} closes the
 * socket and throws, which makes Jetty fail the upgrade (Jetty logs that at INFO).
 *
 * <p>Threading: Jetty calls it on one of its threads, once per request; the class is immutable.
 */
final class HandshakeCheck implements JettyUpgradeListener {
  static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final List<String> offeredProtocols;
  private final boolean offeredDeflate;

  HandshakeCheck(ConnectRequest request) {
    this.offeredProtocols = request.protocols();
    this.offeredDeflate = request.permessageDeflate();
  }

  @Override
  public void onHandshakeRequest(Request request) {
    request.followRedirects(false);
    // Checked as soon as the head arrives: aborting then closes TCP. By the time Jetty calls
    // onHandshakeResponse, a non-101 exchange is over and its connection back in Jetty's pool.
    // (For a 101, Jetty ignores the abort; onHandshakeResponse deals with it.)
    request.onResponseHeaders(response -> {
      if (response.getStatus() != 101) {
        response.abort(new HandshakeException(problem(request, response)));
      }
    });
  }

  @Override
  public void onHandshakeResponse(Request request, Response response) {
    if (response.getStatus() != 101) {
      return; // aborted when its head arrived; Jetty fails the upgrade with the status
    }
    String problem = problem(request, response);
    if (problem != null) {
      // Jetty fails the upgrade when this throws, but leaves the TCP connection of a 101 open
      // (observed with 12.1.14); its EndPoint is recorded on the request's conversation.
      if (request instanceof HttpRequest) {
        Object endPoint = ((HttpRequest) request).getConversation()
            .getAttribute(EndPoint.class.getName());
        if (endPoint instanceof EndPoint) {
          ((EndPoint) endPoint).close(new HandshakeException(problem));
        }
      }
      throw new HandshakeException(problem);
    }
  }

  private String problem(Request request, Response response) {
    return response.getStatus() != 101
        ? "The server answered the upgrade with status " + response.getStatus()
            + " instead of 101 (RFC 6455 4.1); redirects are not followed."
        : problem(request.getHeaders().get("Sec-WebSocket-Key"), response.getHeaders());
  }

  /**
   * @param key the Sec-WebSocket-Key that was sent
   * @param headers the 101 response's headers
   * @return a sentence saying what is wrong, or null if the response is acceptable
   */
  String problem(String key, HttpFields headers) {
    List<String> upgrade = headers.getValuesList("Upgrade");
    if (upgrade.size() != 1 || !upgrade.get(0).trim().equalsIgnoreCase("websocket")) {
      return "The server's 101 response must carry 'Upgrade: websocket' (RFC 6455 4.1), but had "
          + upgrade + ".";
    }
    if (!hasToken(headers.getValuesList("Connection"), "upgrade")) {
      return "The server's 101 response must carry a Connection header with the token 'Upgrade'"
          + " (RFC 6455 4.1), but had " + headers.getValuesList("Connection") + ".";
    }
    List<String> accept = headers.getValuesList("Sec-WebSocket-Accept");
    String expected = acceptFor(key);
    if (accept.size() != 1 || !accept.get(0).trim().equals(expected)) {
      return "The server's Sec-WebSocket-Accept " + accept + " is not exactly '" + expected
          + "' (RFC 6455 4.1).";
    }
    List<String> protocol = headers.getValuesList("Sec-WebSocket-Protocol");
    if (offeredProtocols.isEmpty()) {
      if (!protocol.isEmpty()) {
        return "The server selected the subprotocol " + protocol + " although none was offered"
            + " (RFC 6455 4.1).";
      }
    } else if (protocol.size() != 1 || !offeredProtocols.contains(protocol.get(0).trim())) {
      return "The server must select exactly one of the offered subprotocols " + offeredProtocols
          + " (RFC 6455 4.1), but selected " + protocol + ".";
    }
    List<String> extensions = headers.getValuesList("Sec-WebSocket-Extensions");
    if (!offeredDeflate && !extensions.isEmpty()) {
      return "The server accepted the extensions " + extensions + " although none was offered"
          + " (RFC 6455 4.1).";
    }
    return extensions.isEmpty() ? null : deflateProblem(extensions);
  }

  /**
   * Jetty ignores {@code client_max_window_bits} in a response, but its deflater cannot limit its
   * window, and the parameter was not offered, so such a response fails (RFC 7692 7.1.2.2).
   * Anything else Jetty checks itself.
   */
  private static String deflateProblem(List<String> headerValues) {
    int count = 0;
    for (String value : headerValues) {
      for (String extension : value.split(",")) {
        count++;
        String[] parts = extension.split(";");
        if (!parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
          return "The server accepted the extension '" + parts[0].trim() + "', which was not"
              + " offered (RFC 6455 4.1).";
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < parts.length; i++) {
          String name = parts[i].split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
          if (!seen.add(name)) {
            return "The server's permessage-deflate response repeats '" + name + "' (RFC 7692 7).";
          }
          if (name.equals("client_max_window_bits")) {
            return "The server's permessage-deflate response has client_max_window_bits, which"
                + " was not offered (RFC 7692 7.1.2.2).";
          }
        }
      }
    }
    return count > 1 ? "The server accepted permessage-deflate more than once (RFC 7692 7)." : null;
  }

  private static boolean hasToken(List<String> values, String token) {
    for (String value : values) {
      for (String part : value.split(",")) {
        if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @param key the Sec-WebSocket-Key sent, or null
   * @return the only Sec-WebSocket-Accept value RFC 6455 4.2.2 allows for it
   */
  static String acceptFor(String key) {
    if (key == null) {
      return "";
    }
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must provide SHA-1.", e);
    }
  }

  /** The server's 101 response breaks a requirement of RFC 6455 section 4.1. */
  static final class HandshakeException extends RuntimeException {
    HandshakeException(String message) {
      super(message, null, false, false);
    }
  }
}
