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
      // A client's open event can come before the server has added it to the room: once alice
      // hears bob, the room holds both (the server ran bob's open before his message).
      bob.say("ready");
      ChatClient.Line ready = aliceHears.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(ready, "alice never heard bob");
      assertEquals("bob", ready.nick());
      ChatClient.Line own = bobHears.poll(WAIT_SECONDS, TimeUnit.SECONDS); // the room relays to all
      assertNotNull(own, "bob never heard himself");
      assertEquals("ready", own.text());
      alice.say("hi bob");
      ChatClient.Line line = bobHears.poll(WAIT_SECONDS, TimeUnit.SECONDS);
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
