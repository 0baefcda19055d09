package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatClientTest extends ServerFixture {

  private ChatClient.Line relayedToBob(String url) throws Exception {
    BlockingQueue<ChatClient.Line> aliceHears = new LinkedBlockingQueue<>();
    BlockingQueue<ChatClient.Line> bobHears = new LinkedBlockingQueue<>();
    try (ChatClient alice = ChatClient.join(context, url, "alice", aliceHears::add);
        ChatClient bob = ChatClient.join(context, url, "bob", bobHears::add)) {
      String protocol = alice.joined().get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(protocol, bob.joined().get(WAIT_SECONDS, TimeUnit.SECONDS));
      // A client's open event can come before the server's onWebSocketOpen has added it to the
      // room (Jetty sends 101 first). Bob speaks until alice hears him: then the room holds both
      // (the server ran bob's open before his message).
      ChatClient.Line ready = null;
      for (int i = 0; ready == null && i < 50; i++) {
        bob.say("ready");
        ready = aliceHears.poll(200, TimeUnit.MILLISECONDS);
      }
      assertNotNull(ready, "alice never heard bob");
      assertEquals("bob", ready.nick());
      alice.say("hi bob");
      ChatClient.Line line;
      do {
        line = bobHears.poll(WAIT_SECONDS, TimeUnit.SECONDS); // skipping his own "ready"s
      } while (line != null && line.nick().equals("bob"));
      assertNotNull(line, "bob never heard alice");
      assertEquals("alice", line.nick());
      assertEquals("hi bob", line.text());
      return line;
    }
  }

  @Test
  void w3cProtocol_serverSelectsThePreferredSubprotocol_chatV2NumbersLines() throws Exception {
    ChatClient.Line line = relayedToBob(url("/chat"));
    assertTrue(line.sequence() >= 1, "chat.v2 numbers lines: " + line);
  }

  @Test
  void w3cProtocol_olderServerSelectsChatV1_clientFallsBack() throws Exception {
    try (ExampleServer old = ExampleServer.start(0, List.of("chat.v1"))) {
      ChatClient.Line line = relayedToBob(old.uri("/chat").toString());
      assertEquals(-1, line.sequence());
    }
  }

  @Test
  void parse_readsBothProtocols() {
    assertEquals(new ChatClient.Line(7, "ann", "a: b"),
        ChatClient.parse("chat.v2", "#7 ann: a: b"));
    assertEquals(new ChatClient.Line(-1, "ann", "x"), ChatClient.parse("chat.v1", "ann: x"));
  }
}
