package dev.duplex.tck.clauses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.ReceivedFrame;

/**
 * Assertions shared by the clause groups about how a connection ends.
 *
 * <p>Threading: static and stateless; called from the test thread.
 */
public final class Expect {
  private Expect() {}

  /**
   * The transport must fail the connection ({@code failed}) and, if it sends a Close frame at
   * all, that frame must carry {@code code}; then it must close TCP.
   *
   * @param client the client
   * @param peer the fixture side
   * @param code the status code expected on the wire (1002, 1007, 1009...)
   */
  public static void failsWith(Client client, FixturePeer peer, int code) {
    client.events().awaitFailed();
    ReceivedFrame close = peer.readCloseOrEof();
    if (close != null) {
      assertEquals(code, close.closeCode(),
          "The Close frame sent when failing the connection must carry " + code + ", was " + close.closeCode());
      peer.awaitEof();
    }
  }

  /**
   * The connection must end abnormally: {@code failed}, or {@code closed} with 1006 and
   * {@code wasClean} false.
   *
   * @param client the client
   */
  public static void endsAbnormally(Client client) {
    TransportEvent end = client.events().awaitTerminal();
    if (end.kind() == Kind.CLOSED) {
      assertEquals(1006, end.code(), "A connection that ends without a Close frame has code 1006");
      assertTrue(!end.wasClean(), "A connection that ends without a closing handshake is not clean");
    }
  }
}
