package dev.duplex.tck.clauses;

import dev.duplex.tck.client.ApiSocket;
import dev.duplex.tck.fixture.FixturePeer;

/**
 * A socket opened through the api on the fixture server, its open event already seen: both ends
 * for a W3C clause to drive.
 *
 * <p>Threading: driven by the test thread.
 *
 * @param socket the api side
 * @param peer the fixture's side
 */
public record ApiOpened(ApiSocket socket, FixturePeer peer) {}
