package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every way a connection ends gives its socket back: no file descriptor outlives it. */
class NioResourceTest extends WithTransport {

  private static long openFiles() throws java.io.IOException {
    Path fds = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(fds), "needs Linux's /proc to count descriptors");
    try (Stream<Path> list = Files.list(fds)) {
      return list.count();
    }
  }

  @Test
  void hostileServers_leaveNoSocketOpen() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      // Warm up: the transport's selectors and the JDK's own descriptors exist before counting.
      RecordingListener warm = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), warm);
      server.accept().close();
      warm.awaitFailed();
      long before = openFiles();
      String[] hostile = {
          "81 85 37 fa 21 3d 7f 9f 4d 51 58", // masked: fails and lingers
          "81 03 ed a0 80",                   // invalid UTF-8: fails and lingers
          "88 02 03 e8",                      // a normal close
          "",                                  // the server just hangs up
      };
      for (int round = 0; round < 25; round++) {
        for (String bytes : hostile) {
          RecordingListener listener = new RecordingListener();
          transport.connect(ConnectRequest.builder(server.uri("/"))
              .closeTimeout(Duration.ofMillis(300)).build(), listener);
          ScriptedServer.Peer peer = server.accept();
          peer.respond101();
          listener.awaitOpened();
          if (!bytes.isEmpty()) {
            peer.writeHex(bytes);
            peer.readFrame(); // the client's Close
          }
          peer.close();
          listener.next(bytes.startsWith("88") ? "closing" : bytes.isEmpty() ? "closed" : "failed");
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (openFiles() > before + 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long after = openFiles();
      assertTrue(after <= before + 2, "descriptors before " + before + ", after " + after);
    }
  }
}
