package dev.duplex.tck;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.TransportProvider;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one point through which the kit builds api contexts and opens api sockets, so that the
 * kit's own self-test can run every clause over a deliberately broken api, one fault at a time,
 * as it runs them over a broken transport: the W3C clauses prove behaviour the api implements
 * (argument errors, blocked ports, event order...), which no transport fault can break.
 *
 * <p>For the kit's self-test only, hence package-private: a vendor's run always uses
 * {@link #DIRECT}, the api as it is.
 *
 * <p>Threading: called from the threads of one test, possibly at once; implementations are
 * thread-safe.
 */
interface ApiSeam {

  /** The api as it is. */
  ApiSeam DIRECT = new ApiSeam() {};

  /**
   * Builds a context.
   *
   * @param builder set up by the kit and then by the clause, with {@code provider} as its
   *     transport
   * @param provider the provider under test
   * @return the context
   */
  default WebSocketContext build(WebSocketContext.Builder builder, TransportProvider provider) {
    return builder.build();
  }

  /**
   * Opens a socket as {@link WebSocketContext#open(String, List, Consumer)} does.
   *
   * @param context the context
   * @param url the URL
   * @param protocols the subprotocols
   * @param init runs before any event of the socket can be dispatched
   * @return the socket
   */
  default WebSocket open(WebSocketContext context, String url, List<String> protocols,
      Consumer<? super WebSocket> init) {
    return context.open(url, protocols, init);
  }
}
