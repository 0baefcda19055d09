package dev.duplex.spi;

/**
 * A running transport: opens RFC 6455 client connections and owns whatever they share
 * (selector threads, an HTTP client, buffer pools).
 *
 * <p>Threading: every method is safe to call from any thread, including from inside a
 * {@link ConnectionListener} callback.
 */
public interface Transport extends AutoCloseable {

  /**
   * Starts the opening handshake for {@code request} and returns at once.
   *
   * <p>The transport resolves the name, connects (through a proxy if configured), performs TLS
   * for secure requests and the opening handshake, checking every requirement of RFC 6455
   * section 4.1 (status 101, {@code Upgrade}, {@code Connection}, the exact
   * {@code Sec-WebSocket-Accept}, a subprotocol only from {@link ConnectRequest#protocols()} and
   * present when any was offered, extensions only as offered). Redirects are never followed.
   *
   * <p>This method never blocks on the network and never calls {@code listener} before it has
   * returned. Every outcome, including an immediate failure such as an unresolvable host, is
   * reported to {@code listener} afterwards, from a transport thread.
   *
   * @param request what to connect to and how
   * @param listener receives everything that happens on this connection
   * @return the handle through which the engine sends and closes
   * @throws IllegalStateException if this transport has been closed
   */
  Connection connect(ConnectRequest request, ConnectionListener listener);

  /**
   * Whether the engine may run application event handlers on the threads that call this
   * transport's {@link ConnectionListener}s, instead of handing every burst of events to another
   * thread. The engine does so only when the context's event loop allows it and is idle at that
   * moment, so handlers still never overlap; a callback then returns when the handlers it ran
   * return.
   *
   * <p>Return true only if the callback threads hold no lock that a {@link Connection} method
   * needs, never call a {@link ConnectionListener} from inside a {@link Connection} method, and
   * belong to this transport alone (a slow handler then delays only this transport's
   * connections). The default is false.
   *
   * @return true if handlers may run on the callback threads
   */
  default boolean allowsInlineDispatch() {
    return false;
  }

  /**
   * Aborts every connection still open (each reports its terminal callback) and releases the
   * transport's resources. Idempotent. Must not be called from a transport thread while
   * expecting it to wait; implementations that must stop threads do so without deadlocking
   * when called from inside a callback.
   */
  @Override
  void close();
}
