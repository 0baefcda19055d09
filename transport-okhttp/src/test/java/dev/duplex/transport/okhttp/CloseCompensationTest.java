package dev.duplex.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.tck.client.Client;
import dev.duplex.tck.client.TransportEvent;
import dev.duplex.tck.client.TransportEvent.Kind;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The closing behaviours OkHttp lacks and the adapter adds: the reply to a server's Close, the
 * cancel of a connection closed while CONNECTING, and the reports of an abort.
 */
class CloseCompensationTest extends FixtureTest {

  private Client open(FixturePeer[] peer) {
    Client client = harness.connect(server.uri("/"));
    peer[0] = server.acceptOpen();
    client.events().awaitOpened();
    return client;
  }

  @Test
  void rfc6455_5_5_1_repliesToServerCloseWithItsCode() {
    FixturePeer[] peer = new FixturePeer[1];
    Client client = open(peer);

    peer[0].send(Frame.close(4001, "bye"));
    ReceivedFrame reply = peer[0].readFrame(Frame.CLOSE);
    assertEquals(4001, reply.closeCode());
    assertTrue(reply.masked());
    TransportEvent closing = client.events().next(Kind.CLOSING);
    // RFC 6455 7.1.1: the client waits for the server to close TCP; closed follows that close.
    assertFalse(client.events().terminated(), "closed before the server closed TCP");
    peer[0].close();

    assertEquals(4001, closing.code());
    assertEquals("bye", closing.text());
    TransportEvent closed = client.events().next(Kind.CLOSED);
    assertEquals(4001, closed.code());
    assertEquals("bye", closed.text());
    assertTrue(closed.wasClean());
  }

  @Test
  void rfc6455_5_5_1_repliesAfterMessagesAlreadyQueuedAndSendsNothingMore() {
    FixturePeer[] peer = new FixturePeer[1];
    Client client = open(peer);
    client.sendText("queued before the server's close");

    peer[0].send(Frame.close(1001, ""));
    assertEquals("queued before the server's close", peer[0].readFrame().text());
    ReceivedFrame reply = peer[0].readFrame();
    assertTrue(reply.isClose());
    assertEquals(1001, reply.closeCode());
    client.events().next(Kind.CLOSING);
    client.sendText("after the close");
    assertNull(peer[0].readFrameOrEof(), "nothing after the Close frame; then TCP closes");
    assertEquals(Kind.CLOSED, client.events().awaitTerminal().kind());
  }

  @Test
  void w3c_close_whileConnectingCancelsTheHandshakeAndFails() {
    Client client = harness.connect(server.uri("/"));
    FixturePeer peer = server.accept();
    peer.readHandshake();

    client.close(1000, "");
    Throwable cause = client.events().awaitFailed();
    assertTrue(cause.getMessage().contains("aborted"), cause.getMessage());
    peer.awaitEof();
    List<TransportEvent> history = client.events().history();
    assertEquals(1, history.size(), "failed and nothing else: " + history);
  }

  @Test
  void spi_abort_afterOpenClosesTcpAndReportsClosed1006() {
    FixturePeer[] peer = new FixturePeer[1];
    Client client = open(peer);

    client.connection().abort();
    TransportEvent closed = client.events().next(Kind.CLOSED);
    assertEquals(1006, closed.code());
    assertEquals("", closed.text());
    assertFalse(closed.wasClean());
    assertNull(peer[0].readFrameOrEof(), "no Close frame: TCP is closed at once");
  }

  @Test
  void spi_abort_isIdempotentAndReportsOneTerminal() throws InterruptedException {
    FixturePeer[] peer = new FixturePeer[1];
    Client client = open(peer);

    client.connection().abort();
    client.connection().abort();
    client.close(1000, "");
    assertTrue(client.events().awaitTerminal().terminal());
    peer[0].awaitEof();
    Thread.sleep(100); // a second terminal report would be a violation, checked when closing
    assertEquals(2, client.events().history().size(), client.events().history().toString());
  }

  @Test
  void rfc6455_7_1_4_failureAfterOpenIsReportedAsFailed() {
    FixturePeer[] peer = new FixturePeer[1];
    Client client = open(peer);

    peer[0].close(); // TCP closed without a Close frame
    assertTrue(client.events().awaitFailed().getMessage().contains(server.uri("/").toString()));
  }

  @Test
  void spi_transportClose_endsEveryConnectionWithOneTerminal() {
    FixturePeer[] peer = new FixturePeer[1];
    Client open = open(peer);
    Client connecting = harness.connect(server.uri("/"));
    FixturePeer pending = server.accept();
    pending.readHandshake();

    harness.transport().close();
    assertEquals(Kind.CLOSED, open.events().awaitTerminal().kind());
    assertEquals(Kind.FAILED, connecting.events().awaitTerminal().kind());
    peer[0].awaitEof();
    pending.awaitEof();
  }
}
