package dev.duplex.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link EchoServer} in a separate JVM on loopback, through {@code sh} so that it can
 * raise its own file-descriptor limit to the hard limit first, asks it how many connections it
 * has open, and stops it.
 *
 * <p>Threading: confined to the harness's main thread, plus one daemon thread per server that
 * reads its output.
 */
public final class ServerProcess implements AutoCloseable {
  /** The heap of the run's one server, which every traffic scenario goes through. */
  public static final List<String> DEFAULT_HEAP = List.of("-Xms512m", "-Xmx2g");

  private final Process process;
  private final int wsPort;
  private final int tcpPort;
  private final int tcpStreamPort;
  private final String fdLimit;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ServerProcess(Process process, BufferedReader out, int ws, int tcp, int tcpStream,
      String fdLimit) {
    this.process = process;
    this.wsPort = ws;
    this.tcpPort = tcp;
    this.tcpStreamPort = tcpStream;
    this.fdLimit = fdLimit;
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the server has gone; openConnections() says so
      }
    }, "echo-server-" + process.pid() + "-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the server with {@link #DEFAULT_HEAP} and waits (at most 30 s) until it is bound.
   *
   * @param threads Netty event-loop threads
   * @param addresses how many loopback addresses 127.0.0.1..n to bind
   * @param nice niceness to run at, 0 to leave it
   * @return the running server
   * @throws IOException if it does not start
   */
  public static ServerProcess start(int threads, int addresses, int nice) throws IOException {
    return start(threads, addresses, nice, DEFAULT_HEAP);
  }

  /**
   * Starts the server and waits (at most 30 s) until it is bound.
   *
   * @param threads Netty event-loop threads
   * @param addresses how many loopback addresses 127.0.0.1..n to bind
   * @param nice niceness to run at, 0 to leave it
   * @param heap the JVM's heap options, e.g. {@link #DEFAULT_HEAP}
   * @return the running server
   * @throws IOException if it does not start
   */
  public static ServerProcess start(int threads, int addresses, int nice, List<String> heap)
      throws IOException {
    List<String> options = new ArrayList<>(heap);
    options.addAll(List.of("-XX:+UseParallelGC", EchoServer.class.getName(),
        Integer.toString(threads), Integer.toString(addresses)));
    List<String> java = Jvm.command(options.toArray(String[]::new));
    Process p = Jvm.startWithRaisedFdLimit(java, nice);
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String fd = "?";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(Jvm.FD_LIMIT_PREFIX)) {
        fd = line.substring(Jvm.FD_LIMIT_PREFIX.length()).trim();
      } else if (line.startsWith("READY ")) {
        int ws = Integer.parseInt(field(line, "ws="));
        int tcp = Integer.parseInt(field(line, "tcp="));
        int tcpStream = Integer.parseInt(field(line, "tcpStream="));
        return new ServerProcess(p, out, ws, tcp, tcpStream, fd);
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    p.destroyForcibly();
    throw new IOException("The echo server did not start: it printed no READY line");
  }

  private static String field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name)) {
        return part.substring(name.length());
      }
    }
    throw new IllegalArgumentException("no " + name + " in " + line);
  }

  /**
   * Asks the server how many connections it has open: WebSocket connections whose handshake
   * completed plus raw-TCP echo connections.
   *
   * @return the count
   * @throws IOException if the server does not answer within 10 s
   */
  public int openConnections() throws IOException {
    lines.clear();
    OutputStream in = process.getOutputStream();
    in.write((EchoServer.COUNT + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      for (long left; (left = deadline - System.nanoTime()) > 0; ) {
        String line = lines.poll(left, TimeUnit.NANOSECONDS);
        if (line != null && line.startsWith(EchoServer.OPEN)) {
          return Integer.parseInt(field(line, "ws=")) + Integer.parseInt(field(line, "tcp="));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IOException("the echo server (pid " + pid() + ") did not say how many connections"
        + " it holds within 10 s");
  }

  /** @return the WebSocket port */
  public int wsPort() {
    return wsPort;
  }

  /** @return the raw TCP echo port */
  public int tcpPort() {
    return tcpPort;
  }

  /** @return the raw TCP streaming port */
  public int tcpStreamPort() {
    return tcpStreamPort;
  }

  /** @return the server JVM's process id */
  public long pid() {
    return process.pid();
  }

  /** @return the server's open-file limit after it tried to raise it */
  public String fdLimit() {
    return fdLimit;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** For diagnostics. */
  @Override
  public String toString() {
    return "echo server pid " + pid() + " ws=" + wsPort + " tcp=" + tcpPort
        + " tcpStream=" + tcpStreamPort + " fd limit " + fdLimit;
  }
}
