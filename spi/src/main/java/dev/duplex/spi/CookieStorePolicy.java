package dev.duplex.spi;

import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;

/**
 * Where a context keeps its cookies. The engine asks the handler for the {@code Cookie} header
 * of each handshake and gives it the handshake's {@code Set-Cookie} headers before the open
 * event fires, using the URL with {@code ws}/{@code wss} replaced by {@code http}/{@code https}
 * (W3C section 4, "establish a WebSocket connection" and the open task).
 *
 * <p>Default: {@link #inMemory()}, a new {@link CookieManager} per context. Threading:
 * implementations and the handlers they return must be thread-safe.
 */
@FunctionalInterface
public interface CookieStorePolicy {

  /**
   * Called once per context.
   *
   * @return the cookie handler for that context
   */
  CookieHandler newCookieHandler();

  /**
   * A fresh in-memory {@link CookieManager} per context, accepting cookies from the original
   * server only.
   *
   * @return the default policy
   */
  static CookieStorePolicy inMemory() {
    return () -> new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
  }

  /**
   * One shared handler for every context, for example {@code CookieHandler.getDefault()}.
   *
   * @param handler the handler
   * @return a policy that always returns it
   */
  static CookieStorePolicy shared(CookieHandler handler) {
    java.util.Objects.requireNonNull(handler, "handler");
    return () -> handler;
  }
}
