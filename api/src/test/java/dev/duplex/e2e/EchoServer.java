package dev.duplex.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal RFC 6455 echo server on loopback for the end-to-end test: answers the upgrade
 * (selecting the first offered subprotocol and setting a cookie), echoes text and binary
 * messages, answers a Close and closes TCP. Records each request head.
 *
 * <p>Threading: one accept thread and one thread per connection, all daemons.
 */
final class EchoServer implements AutoCloseable {
  final BlockingQueue<List<String>> requests = new LinkedBlockingQueue<>();
  private final ServerSocket server;

  EchoServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "echo-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "echo-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;   // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      List<String> head = Frames.readHead(in);
      requests.add(head);
      String key = header(head, "Sec-WebSocket-Key");
      String protocols = header(head, "Sec-WebSocket-Protocol");
      StringBuilder resp = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
          .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
          .append("Sec-WebSocket-Accept: ").append(Frames.accept(key)).append("\r\n")
          .append("Set-Cookie: e2e=yes; Path=/\r\n");
      if (protocols != null) {
        resp.append("Sec-WebSocket-Protocol: ").append(protocols.split(",")[0].trim()).append("\r\n");
      }
      out.write(resp.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      while (true) {
        Frames.Frame f = Frames.read(in);
        if (f.opcode() == Frames.CLOSE) {
          Frames.write(out, Frames.CLOSE, f.payload(), false);
          return;
        }
        if (f.opcode() == Frames.TEXT || f.opcode() == Frames.BINARY) {
          Frames.write(out, f.opcode(), f.payload(), false);
        }
      }
    } catch (IOException e) {
      // The client went away; the test asserts on what the client saw.
    }
  }

  static String header(List<String> head, String name) {
    for (String line : head) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
