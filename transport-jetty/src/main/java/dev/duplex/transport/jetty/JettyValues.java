package dev.duplex.transport.jetty;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Handshake;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.eclipse.jetty.websocket.api.exceptions.CloseException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

/**
 * Pure translations between the spi's values and Jetty's: the upgrade request, the handshake,
 * close frames, failures and payload sizes.
 *
 * <p>Threading: static and stateless.
 */
final class JettyValues {
  private JettyValues() {}

  /**
   * @param request what the engine asked for
   * @return Jetty's upgrade request for it: an explicit port (the Host header says the rest),
   *     the exact Host header of RFC 6455 4.1, subprotocols, Origin, extra headers in order, and
   *     the permessage-deflate offer of {@link ClientPerMessageDeflate}
   */
  static ClientUpgradeRequest upgradeRequest(ConnectRequest request) {
    String scheme = request.secure() ? "wss" : "ws";
    String host = request.host().indexOf(':') >= 0 ? "[" + request.host() + "]" : request.host();
    URI uri = URI.create(scheme + "://" + host + ":" + request.port() + request.resourceName());
    ClientUpgradeRequest up = new ClientUpgradeRequest(uri);
    up.setHeader("Host", request.hostHeader());
    up.setSubProtocols(request.protocols());
    request.origin().ifPresent(origin -> up.setHeader("Origin", origin));
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      extra.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
    }
    extra.forEach(up::setHeader);
    up.addExtensions(CloseLinger.NAME);
    if (request.permessageDeflate()) {
      up.addExtensions(ClientPerMessageDeflate.OFFER);
    }
    up.setTimeout(request.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return up;
  }

  /** @param payload a Close frame's payload @return its code, 1005 if it has none */
  static int closeCode(ByteBuffer payload) {
    if (payload.remaining() < 2) {
      return CloseCodes.NO_STATUS_RECEIVED;
    }
    return ((payload.get(payload.position()) & 0xff) << 8)
        | (payload.get(payload.position() + 1) & 0xff);
  }

  /** @param payload a Close frame's payload, whose UTF-8 Jetty has checked @return its reason */
  static String closeReason(ByteBuffer payload) {
    if (payload.remaining() <= 2) {
      return "";
    }
    ByteBuffer reason = payload.duplicate();
    reason.position(reason.position() + 2);
    return StandardCharsets.UTF_8.decode(reason).toString();
  }

  /**
   * @param response the 101 Jetty accepted
   * @return the handshake as the engine sees it: the server's own extension header values
   */
  static Handshake handshakeOf(UpgradeResponse response) {
    String protocol = response.getAcceptedSubProtocol();
    List<String> extensions = response.getHeaders("Sec-WebSocket-Extensions");
    return new Handshake(protocol == null ? "" : protocol,
        extensions == null ? "" : String.join(", ", extensions), response.getHeaders());
  }

  /** Whether Jetty's error means the connection was failed (rather than merely cut off). */
  static boolean isFailure(Throwable cause) {
    return cause instanceof CloseException
        || cause instanceof org.eclipse.jetty.websocket.core.exception.CloseException;
  }

  /** @param error what a future failed with @return the cause inside completion wrappers */
  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A cause whose message is a sentence an operator can act on. */
  static Throwable describe(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HandshakeCheck.HandshakeException) {
        return t;
      }
    }
    if (cause instanceof UpgradeException) {
      UpgradeException u = (UpgradeException) cause;
      if (u.getResponseStatusCode() > 0 && u.getResponseStatusCode() != 101) {
        return new java.io.IOException("The server answered the upgrade with status "
            + u.getResponseStatusCode() + " instead of 101 (RFC 6455 4.1).", cause);
      }
    }
    return cause;
  }

  /** @param s well-formed UTF-16 @return its UTF-8 length, without encoding it */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
