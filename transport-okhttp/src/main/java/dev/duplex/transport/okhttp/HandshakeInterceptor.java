package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.ProxySelector;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;

/**
 * The opening-handshake checks OkHttp skips, as an application interceptor (it sees the request
 * after OkHttp has added the WebSocket headers and the response before OkHttp upgrades).
 *
 * <ul>
 *   <li>Repeats OkHttp's checks of a 101 response ({@code Connection}, {@code Upgrade}, the exact
 *       {@code Sec-WebSocket-Accept}) so that a refused response never leaves its socket open.
 *   <li>Removes OkHttp's {@code permessage-deflate} offer unless the connection asked for it.
 *   <li>RFC 6455 4.1 and the W3C/Fetch "establish a WebSocket connection" steps: a selected
 *       subprotocol must be one offered, exactly one, and present when any was offered.
 *   <li>RFC 6455 9.1 and RFC 7692 7.1: only the offered {@code permessage-deflate}, once, with
 *       {@code server_no_context_takeover}, {@code client_no_context_takeover} (no value) and
 *       {@code server_max_window_bits} 8–15; {@code client_max_window_bits} was not offered and is
 *       refused.
 * </ul>
 *
 * A refused response is closed, its TCP connection closed (through a {@link SocketCapture}), and
 * a {@link ProtocolException} thrown, which OkHttp reports as {@code onFailure} without ever
 * calling {@code onOpen}. A response other than 101 also has its connection closed: W3C "fail the
 * WebSocket connection" closes it, where OkHttp would keep it in its pool.
 *
 * <p>Threading: stateless; called on OkHttp's dispatcher threads.
 */
final class HandshakeInterceptor implements Interceptor {
  static final String PROTOCOL = "Sec-WebSocket-Protocol";
  static final String EXTENSIONS = "Sec-WebSocket-Extensions";
  private static final String DEFLATE = "permessage-deflate";
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

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
    // Per call: remember the TCP sockets (to close a refused handshake's) and read the WebSocket
    // stream through an InboundGuard: the TCP stream for ws:, the TLS stream for wss:.
    ProxySelector selector = chain.getProxySelector();
    ProxySelector tunnels =
        selector instanceof WsProxySelector ? ((WsProxySelector) selector).delegate() : null;
    SocketCapture sockets =
        new SocketCapture(
            chain.getSocketFactory(), offer.secure() ? 0 : offer.maxMessageSize(), offer.wire(),
            tunnels);
    Chain call = chain.withSocketFactory(sockets);
    if (offer.secure() && chain.getSslSocketFactoryOrNull() != null) {
      call = call.withSslSocketFactory(
          new GuardingSslSocketFactory(
              chain.getSslSocketFactoryOrNull(), offer.maxMessageSize(), offer.wire()),
          chain.getX509TrustManagerOrNull());
    }
    Response response = call.proceed(request);
    String problem = response.code() == 101 ? check(offer, response) : null;
    if (response.code() != 101 || problem != null) {
      // OkHttp fails every status but 101 itself; either way the socket must not outlive the call.
      response.close();
      sockets.closeAll();
    }
    if (problem != null) {
      throw new ProtocolException(problem);
    }
    return response;
  }

  /**
   * @return why the 101 response must be refused, or null if it is acceptable
   */
  static String check(HandshakeOffer offer, Response response) {
    String problem = checkUpgrade(response);
    if (problem == null) {
      problem = checkProtocol(offer.protocols(), response.headers(PROTOCOL));
    }
    if (problem == null) {
      problem = checkExtensions(offer.permessageDeflate(), response.headers(EXTENSIONS));
    }
    return problem;
  }

  /**
   * OkHttp's own checks of {@code Connection}, {@code Upgrade} and {@code Sec-WebSocket-Accept},
   * made here first because when OkHttp's fail it leaves the upgraded socket open. The {@code
   * Connection} check is OkHttp's (one token, {@code Upgrade}); a token list has already been
   * normalised to that by the {@link ResponseHead} on guarded sockets, and on others is refused
   * as OkHttp would refuse it (a declared deviation there).
   */
  static String checkUpgrade(Response response) {
    String connection = response.header("Connection");
    if (!"Upgrade".equalsIgnoreCase(connection == null ? null : connection.trim())) {
      return "Expected the response header Connection to include Upgrade but it was '"
          + connection + "' (without the adapter's socket wrapping, OkHttp accepts no token list).";
    }
    String upgrade = response.header("Upgrade");
    if (!"websocket".equalsIgnoreCase(upgrade == null ? null : upgrade.trim())) {
      return "Expected the response header Upgrade: websocket but it was '" + upgrade + "'.";
    }
    String key = response.request().header("Sec-WebSocket-Key");
    String accept = response.header("Sec-WebSocket-Accept");
    String expected = key == null ? null : ByteString.encodeUtf8(key + ACCEPT_GUID).sha1().base64();
    if (expected == null || !expected.equals(accept)) {
      return "Expected Sec-WebSocket-Accept '" + expected + "' but it was '" + accept + "'.";
    }
    return null;
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
