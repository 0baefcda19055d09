package dev.duplex.e2e;

import dev.duplex.spi.Capability;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately tiny blocking-I/O RFC 6455 client transport (one reader thread per
 * connection) so that the api engine can be tested end to end over a real loopback socket.
 * Test fixture only: it checks the status and {@code Sec-WebSocket-Accept}, nothing more.
 *
 * <p>Threading: connect from any thread; each connection's callbacks come from its reader
 * thread; writes are serialised on the connection.
 */
final class BlockingTransport implements TransportProvider, Transport {

  @Override
  public String name() {
    return "blocking-test";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public Transport create(TransportConfig config) {
    return this;
  }

  @Override
  public Connection connect(ConnectRequest request, ConnectionListener listener) {
    Conn c = new Conn(request, listener);
    Thread t = new Thread(c::run, "blocking-test-" + request.uri());
    t.setDaemon(true);
    t.start();
    return c;
  }

  @Override
  public void close() {}

  private static final class Conn implements Connection {
    private final ConnectRequest request;
    private final ConnectionListener listener;
    private final Socket socket = new Socket();
    private OutputStream out;
    private boolean closeSent;
    private volatile boolean aborted;

    Conn(ConnectRequest request, ConnectionListener listener) {
      this.request = request;
      this.listener = listener;
    }

    void run() {
      int code = 1006;
      String reason = "";
      boolean clean = false;
      try {
        socket.connect(new InetSocketAddress(request.host(), request.port()), 5000);
        synchronized (this) {
          out = socket.getOutputStream();
        }
        DataInputStream in = new DataInputStream(socket.getInputStream());
        listener.opened(handshake(in));
        while (true) {
          Frames.Frame f = Frames.read(in);
          if (f.opcode() == Frames.TEXT) {
            listener.text(new String(f.payload(), StandardCharsets.UTF_8));
          } else if (f.opcode() == Frames.BINARY) {
            listener.binary(ByteBuffer.wrap(f.payload()));
          } else if (f.opcode() == Frames.PING) {
            write(Frames.PONG, f.payload());
          } else if (f.opcode() == Frames.CLOSE) {
            code = Frames.closeCode(f.payload());
            reason = Frames.closeReason(f.payload());
            listener.closing(code, reason);
            close(code == 1005 ? 1005 : 1000, "");
            clean = in.read() == -1;   // the server closes TCP first
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        socketClose();
        if (!aborted) {
          listener.failed(e);
          return;
        }
      }
      socketClose();
      listener.closed(clean ? code : 1006, clean ? reason : "", clean);
    }

    private Handshake handshake(DataInputStream in) throws IOException {
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String key = Base64.getEncoder().encodeToString(nonce);
      StringBuilder req = new StringBuilder()
          .append("GET ").append(request.resourceName()).append(" HTTP/1.1\r\n")
          .append("Host: ").append(request.hostHeader()).append("\r\n")
          .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
          .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
          .append("Sec-WebSocket-Version: 13\r\n");
      request.origin().ifPresent(o -> req.append("Origin: ").append(o).append("\r\n"));
      if (!request.protocols().isEmpty()) {
        req.append("Sec-WebSocket-Protocol: ").append(String.join(", ", request.protocols()))
            .append("\r\n");
      }
      request.headers().forEach(h -> req.append(h.getKey()).append(": ").append(h.getValue())
          .append("\r\n"));
      synchronized (this) {
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      List<String> head = Frames.readHead(in);
      if (head.isEmpty() || !head.get(0).startsWith("HTTP/1.1 101")) {
        throw new IOException("Expected HTTP 101, got " + head);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line : head.subList(1, head.size())) {
        int colon = line.indexOf(':');
        headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
      if (!List.of(Frames.accept(key)).equals(headers.get("Sec-WebSocket-Accept"))) {
        throw new IOException("Wrong Sec-WebSocket-Accept: " + headers.get("Sec-WebSocket-Accept"));
      }
      String protocol = String.join(", ", headers.getOrDefault("Sec-WebSocket-Protocol", List.of()));
      return new Handshake(protocol, "", headers);
    }

    private synchronized void write(int opcode, byte[] payload) {
      if (closeSent || out == null) {
        return;
      }
      try {
        Frames.write(out, opcode, payload, true);
      } catch (IOException e) {
        socketClose();   // the reader thread reports the failure
      }
    }

    @Override
    public void sendText(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      write(Frames.TEXT, bytes);
      listener.transmitted(bytes.length);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
      byte[] bytes = new byte[data.remaining()];
      data.duplicate().get(bytes);
      write(Frames.BINARY, bytes);
      listener.transmitted(bytes.length);
    }

    @Override
    public synchronized void close(int code, String reason) {
      write(Frames.CLOSE, Frames.closeBody(code, reason));
      closeSent = true;
    }

    @Override
    public void abort() {
      aborted = true;
      socketClose();
    }

    private void socketClose() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a socket that failed: nothing more to release.
      }
    }
  }
}
