package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Socket;

/**
 * The opening-handshake checks OkHttp skips, as an application interceptor (it sees the request
 * after OkHttp has added the WebSocket headers and the response before OkHttp upgrades).
 *
 * <ul>
 *   <li>Removes OkHttp's {@code permessage-deflate} offer unless the connection asked for it.
 *   <li>RFC 6455 4.1 and the W3C/Fetch "establish a WebSocket connection" steps: a selected
 *       subprotocol must be one offered, exactly one, and present when any was offered.
 *   <li>RFC 6455 9.1 and RFC 7692 7.1: only the offered {@code permessage-deflate}, once, with
 *       {@code server_no_context_takeover}, {@code client_no_context_takeover} (no value) and
 *       {@code server_max_window_bits} 8–15; {@code client_max_window_bits} was not offered and is
 *       refused.
 * </ul>
 *
 * A refused response is closed, its socket cancelled, and a {@link ProtocolException} thrown,
 * which OkHttp reports as {@code onFailure} without ever calling {@code onOpen}.
 *
 * <p>Threading: stateless; called on OkHttp's dispatcher threads.
 */
final class HandshakeInterceptor implements Interceptor {
  static final String PROTOCOL = "Sec-WebSocket-Protocol";
  static final String EXTENSIONS = "Sec-WebSocket-Extensions";
  private static final String DEFLATE = "permessage-deflate";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HandshakeOffer offer = request.tag(HandshakeOffer.class);
    if (offer == null) {
      return chain.proceed(request); // not one of ours (a user interceptor's own call)
    }
    if (!offer.permessageDeflate()) {
      request = request.newBuilder().removeHeader(EXTENSIONS).build();
    }
    Response response = chain.proceed(request);
    if (response.code() != 101) {
      return response; // OkHttp fails every other status itself
    }
    String problem = check(offer, response);
    if (problem != null) {
      response.close();
      Socket socket = response.socket();
      if (socket != null) {
        socket.cancel();
      }
      throw new ProtocolException(problem);
    }
    return response;
  }

  /**
   * @return why the 101 response must be refused, or null if it is acceptable
   */
  static String check(HandshakeOffer offer, Response response) {
    String protocolProblem = checkProtocol(offer.protocols(), response.headers(PROTOCOL));
    return protocolProblem != null
        ? protocolProblem
        : checkExtensions(offer.permessageDeflate(), response.headers(EXTENSIONS));
  }

  static String checkProtocol(List<String> offered, List<String> selected) {
    if (selected.isEmpty()) {
      return offered.isEmpty()
          ? null
          : "The server selected no subprotocol although " + offered + " were offered.";
    }
    if (selected.size() > 1) {
      return "The server sent " + selected.size() + " Sec-WebSocket-Protocol headers.";
    }
    String value = selected.get(0).trim();
    if (!offered.contains(value)) {
      return offered.isEmpty()
          ? "The server selected subprotocol '" + value + "' although none was offered."
          : "The server selected subprotocol '" + value + "', which is not among " + offered + ".";
    }
    return null;
  }

  static String checkExtensions(boolean deflateOffered, List<String> headers) {
    int deflates = 0;
    for (String header : headers) {
      for (String extension : header.split(",", -1)) {
        String[] parts = extension.split(";", -1);
        String name = parts[0].trim();
        if (!deflateOffered || !name.equalsIgnoreCase(DEFLATE)) {
          return "The server accepted extension '" + extension.trim() + "', which was not offered.";
        }
        if (++deflates > 1) {
          return "The server accepted permessage-deflate more than once.";
        }
        String problem = checkDeflateParameters(parts);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  private static String checkDeflateParameters(String[] parts) {
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : unquote(param.substring(eq + 1).trim());
      if (!seen.add(name)) {
        return "The server repeated the permessage-deflate parameter '" + name + "'.";
      }
      switch (name) {
        case "server_no_context_takeover":
        case "client_no_context_takeover":
          if (value != null) {
            return "The permessage-deflate parameter '" + name + "' must have no value.";
          }
          break;
        case "server_max_window_bits":
          if (value == null || !value.matches("[0-9]{1,2}")
              || Integer.parseInt(value) < 8 || Integer.parseInt(value) > 15) {
            return "The permessage-deflate parameter server_max_window_bits must be 8 to 15: '"
                + value + "'.";
          }
          break;
        default:
          return "The server answered permessage-deflate with parameter '" + param
              + "', which was not offered.";
      }
    }
    return null;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }
}
