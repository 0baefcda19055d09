package dev.duplex.transport.jetty;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.internal.PerMessageDeflateExtension;

/**
 * Jetty's permessage-deflate, configured from the client's side.
 *
 * <p>Two things in Jetty 12.1.14's client make RFC 7692 context takeover go wrong (both
 * observed): it configures the extension from the client's <em>offer</em>, not from the server's
 * response, so a server imposing {@code client_no_context_takeover} (7.1.1.2) is ignored; and it
 * reads the parameters as a server does, so {@code client_no_context_takeover} resets its
 * <em>inflater</em> and {@code server_no_context_takeover} its <em>deflater</em>.
 *
 * <p>The transport therefore offers {@value #OFFER}: the client promises not to take context
 * over, which satisfies any response, and this subclass swaps the two parameters before Jetty
 * reads them, so that the promise resets the deflater after each message while the inflater
 * keeps the server's window. The price is compression across messages from client to server.
 * The transport registers it, for its own client only, under the name {@code permessage-deflate}.
 *
 * <p>Not for applications: {@code public} with a public constructor only because Jetty creates
 * extensions reflectively. It extends a class of Jetty's {@code internal} package, so the
 * transport runs on the class path, not as a named module. Threading: as Jetty's extension,
 * confined to one connection.
 */
public final class ClientPerMessageDeflate extends PerMessageDeflateExtension {
  private static final String CLIENT = "client_no_context_takeover";
  private static final String SERVER = "server_no_context_takeover";
  /** The offer the transport sends. */
  static final String OFFER = "permessage-deflate; " + CLIENT;

  /** For Jetty's extension registry. */
  public ClientPerMessageDeflate() {}

  /** Swaps the two context-takeover parameters, then lets Jetty configure itself. */
  @Override
  public void init(ExtensionConfig offer, WebSocketComponents components) {
    super.init(clientView(offer), components);
  }

  /**
   * @param offer the parameters Jetty configures the extension from
   * @return them with {@code client_no_context_takeover} and {@code server_no_context_takeover}
   *     exchanged, which is how Jetty's server-minded code must see them
   */
  static ExtensionConfig clientView(ExtensionConfig offer) {
    Map<String, String> swapped = new LinkedHashMap<>();
    offer.getParameters().forEach((name, value) -> {
      String key = name.trim();
      swapped.put(key.equals(CLIENT) ? SERVER : key.equals(SERVER) ? CLIENT : key, value);
    });
    return new ExtensionConfig(offer.getName(), swapped);
  }
}
