package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.transport.nio.fixtures.RecordingListener;
import dev.duplex.transport.nio.fixtures.ScriptedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code Transport.close()} (spi javadoc) aborts every connection still open: each reports exactly
 * one terminal callback, and a normal close is not an error, so nothing is logged above DEBUG.
 * Over real loopback sockets against the scripted server. Runs on JUnit's thread.
 */
class NioTransportCloseTest {

  @Test
  void spi_transportClose_abortsEveryConnectionOnceWithoutLoggingAWarning() throws Exception {
    // System.Logger maps to java.util.logging here: catch what the transport logs.
    Logger duplexLog = Logger.getLogger("dev.duplex");
    ConcurrentLinkedQueue<LogRecord> warnings = new ConcurrentLinkedQueue<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(r);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    duplexLog.addHandler(capture);
    Transport transport = new NioTransportProvider().create(TransportConfig.builder()
        .property("nio.selectorThreads", "2").build());
    try (ScriptedServer server = ScriptedServer.start()) {
      List<RecordingListener> open = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RecordingListener listener = new RecordingListener();
        transport.connect(ConnectRequest.builder(server.uri("/")).build(), listener);
        server.accept().respond101();
        listener.awaitOpened();
        open.add(listener);
      }
      // One still in its opening handshake: the server read the request but never answers.
      RecordingListener opening = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/")).build(), opening);
      server.accept();
      // One that failed already and lingers, waiting for the server to close after its Close.
      RecordingListener lingering = new RecordingListener();
      transport.connect(ConnectRequest.builder(server.uri("/"))
          .closeTimeout(Duration.ofSeconds(30)).build(), lingering);
      ScriptedServer.Peer peer = server.accept();
      peer.respond101();
      lingering.awaitOpened();
      peer.writeHex("81 85 37 fa 21 3d 7f 9f 4d 51 58"); // a masked server frame (section 5.1)
      peer.expectClose(CloseCodes.PROTOCOL_ERROR);
      lingering.awaitFailed();

      transport.close();

      for (RecordingListener listener : open) {
        listener.awaitClosed(CloseCodes.ABNORMAL_CLOSURE, "", false);
        listener.assertExhausted();
      }
      opening.awaitFailed();
      opening.assertExhausted();
      lingering.assertExhausted();
    } finally {
      transport.close();
      duplexLog.removeHandler(capture);
    }
    assertTrue(warnings.isEmpty(), () -> "logged on close: " + warnings.stream()
        .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
            + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
        .collect(Collectors.joining("; ")));
  }
}
