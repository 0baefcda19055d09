package dev.duplex.tck.clauses;

import dev.duplex.spi.Handshake;
import dev.duplex.tck.client.Client;
import dev.duplex.tck.fixture.FixturePeer;

/**
 * A client connected to the fixture server with the opening handshake completed: both ends of one
 * connection for a test to drive.
 *
 * <p>Threading: driven by the test thread.
 *
 * @param client the transport's side
 * @param peer the fixture's side
 * @param handshake what the transport reported in {@code opened}
 */
public record Opened(Client client, FixturePeer peer, Handshake handshake) {}
