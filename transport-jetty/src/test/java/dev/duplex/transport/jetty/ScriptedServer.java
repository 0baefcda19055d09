package dev.duplex.transport.jetty;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw TCP server on loopback that misbehaves byte by byte: each accepted connection is handed
 * to the test as a {@link Peer}, which reads the upgrade request and writes whatever the test
 * scripts (wrong headers, bad frames, silence). Threading: an accept thread; each peer is used
 * by the test thread.
 */
final class ScriptedServer implements AutoCloseable {
  static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket socket;
  private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
  private final List<Peer> peers = new ArrayList<>();
  private final Thread acceptor;

  private final boolean secure;

  ScriptedServer() throws IOException {
    this(null);
  }

  /** @param tls the server's TLS context, or null for plain TCP */
  ScriptedServer(javax.net.ssl.SSLContext tls) throws IOException {
    secure = tls != null;
    socket = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "scripted-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri(String path) {
    return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + socket.getLocalPort() + path);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        s.setSoTimeout((int) Recorder.WAIT.toMillis());
        Peer p = new Peer(s);
        synchronized (peers) {
          peers.add(p);
        }
        accepted.add(p);
      } catch (IOException e) {
        return;
      }
    }
  }

  /** @return the next connection, waiting for it */
  Peer accept() throws InterruptedException {
    Peer p = accepted.poll(Recorder.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (p == null) {
      throw new AssertionError("No client connected within " + Recorder.WAIT);
    }
    return p;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (peers) {
      for (Peer p : peers) {
        p.close();
      }
    }
  }

  /** The server's side of one TCP connection. */
  static final class Peer implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    String requestLine;
    final Map<String, String> headers = new LinkedHashMap<>();

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** Reads the request head; header names are lower-cased, repeated ones joined by ", ". */
    Peer readRequest() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int state = 0;
      while (state < 4) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("EOF inside the request head: " + head);
        }
        head.write(b);
        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
            ? state + 1 : (b == '\r' ? 1 : 0);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      requestLine = lines[0];
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
      }
      return this;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String accept() {
      return HandshakeCheck.acceptFor(header("Sec-WebSocket-Key"));
    }

    /** Writes a 101 with the given extra header lines (each ending without CRLF). */
    Peer respond101(String... extraLines) throws IOException {
      StringBuilder b = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept() + "\r\n");
      for (String line : extraLines) {
        b.append(line).append("\r\n");
      }
      return writeAscii(b.append("\r\n").toString());
    }

    Peer writeAscii(String s) throws IOException {
      return write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    Peer write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      return this;
    }

    /** Writes one unmasked, final frame. */
    Peer frame(int opcode, byte[] payload) throws IOException {
      return write(encode(true, opcode, payload));
    }

    static byte[] encode(boolean fin, int opcode, byte[] payload) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write((fin ? 0x80 : 0) | opcode);
      int n = payload.length;
      if (n < 126) {
        b.write(n);
      } else if (n < 65536) {
        b.write(126);
        b.write(n >>> 8);
        b.write(n);
      } else {
        b.write(127);
        for (int i = 7; i >= 0; i--) {
          b.write((int) ((long) n >>> (8 * i)));
        }
      }
      b.writeBytes(payload);
      return b.toByteArray();
    }

    static byte[] closePayload(int code, String reason) {
      byte[] r = reason.getBytes(StandardCharsets.UTF_8);
      byte[] p = new byte[2 + r.length];
      p[0] = (byte) (code >>> 8);
      p[1] = (byte) code;
      System.arraycopy(r, 0, p, 2, r.length);
      return p;
    }

    /** Reads one client frame, unmasked; null at EOF. */
    ReceivedFrame readFrame() throws IOException {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = readByte();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = (readByte() << 8) | readByte();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | readByte();
        }
      }
      boolean masked = (b1 & 0x80) != 0;
      byte[] mask = new byte[4];
      if (masked) {
        readFully(mask);
      }
      byte[] payload = new byte[(int) len];
      readFully(payload);
      if (masked) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      return new ReceivedFrame(b0, masked, payload);
    }

    /** Reads frames until one with {@code opcode}; fails at EOF. */
    ReceivedFrame readFrame(int opcode) throws IOException {
      while (true) {
        ReceivedFrame f = readFrame();
        if (f == null) {
          throw new AssertionError("EOF before a frame with opcode " + opcode);
        }
        if (f.opcode() == opcode) {
          return f;
        }
      }
    }

    /** @return true if the client closed TCP (EOF or reset) within the wait, skipping frames */
    boolean awaitEof() throws IOException {
      try {
        while (readFrame() != null) {
          // skip
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset
      }
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("EOF inside a frame");
      }
      return b;
    }

    private void readFully(byte[] b) throws IOException {
      int off = 0;
      while (off < b.length) {
        int n = in.read(b, off, b.length - off);
        if (n < 0) {
          throw new EOFException("EOF inside a frame");
        }
        off += n;
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a test socket: nothing to do
      }
    }
  }

  /** A frame the client sent. */
  record ReceivedFrame(int b0, boolean masked, byte[] payload) {
    int opcode() {
      return b0 & 0x0f;
    }

    boolean rsv1() {
      return (b0 & 0x40) != 0;
    }

    int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }
}
