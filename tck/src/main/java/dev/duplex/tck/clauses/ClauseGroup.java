package dev.duplex.tck.clauses;

import dev.duplex.tck.Kit;
import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.FixturePeer;
import java.util.function.Consumer;
import dev.duplex.spi.ConnectRequest;

/**
 * The base of every clause group: an interface of {@code @Test default} methods, each annotated
 * with {@link dev.duplex.tck.Clause}, that reach the provider under test and the servers through
 * {@link #kit()}. {@link dev.duplex.tck.TransportVerification} implements every group.
 *
 * <p>Threading: JUnit calls the tests on its own thread, one at a time per instance.
 */
public interface ClauseGroup {

  /**
   * The resources of the running test (created before it, closed after it).
   *
   * @return the kit
   */
  Kit kit();

  /**
   * Connects the transport to the fixture server and completes a correct opening handshake.
   *
   * @param extraHeaders further response header lines
   * @return both ends, open
   */
  default Opened openOnFixture(String... extraHeaders) {
    return openOnFixture(b -> {}, extraHeaders);
  }

  /**
   * Connects with request settings to the fixture server and completes a correct handshake.
   *
   * @param request adjusts the request
   * @param extraHeaders further response header lines
   * @return both ends, open
   */
  default Opened openOnFixture(Consumer<ConnectRequest.Builder> request, String... extraHeaders) {
    Client client = kit().connect(kit().fixture().uri("/tck"), request);
    FixturePeer peer = kit().fixture().acceptOpen(extraHeaders);
    return new Opened(client, peer, client.events().awaitOpened());
  }

  /**
   * Opens a socket through the api on the test's context to the fixture server, completes a
   * correct handshake and waits for the open event.
   *
   * @param extraHeaders further response header lines
   * @return both ends, open
   */
  default ApiOpened apiOpenOnFixture(String... extraHeaders) {
    ApiSocket socket = kit().open(kit().fixture().uri("/tck").toString());
    FixturePeer peer = kit().fixture().acceptOpen(extraHeaders);
    socket.awaitOpen();
    return new ApiOpened(socket, peer);
  }
}
