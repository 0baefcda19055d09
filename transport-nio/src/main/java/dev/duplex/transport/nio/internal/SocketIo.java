package dev.duplex.transport.nio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The socket under one session: reads into the selector thread's buffer, writes the session's
 * {@link OutboundQueue}, keeps the selection interest in step with what is pending, and closes
 * (or hands the socket to a {@link Linger}). It knows nothing of frames or states; the session
 * decides what the bytes mean.
 *
 * <p>Threading: confined to the connection's selector thread.
 */
final class SocketIo {
  private static final System.Logger LOG = System.getLogger(SocketIo.class.getName());
  /** Full reads per readiness event before the loop moves on to other work. */
  private static final int READS_PER_WAKEUP = 4;

  /** Receives what was read. */
  interface Input {
    /** {@code bytes} is valid only during the call. */
    void received(ByteBuffer bytes);
  }

  /** Hears how many application bytes each write completed. */
  interface Progress {
    /** @return false to stop writing (the session ended) */
    boolean transmitted(long bytes);
  }

  private final SelectorLoop loop;
  private final OutboundQueue out;
  private SocketChannel channel;
  private SelectionKey key;
  private Wire wire;
  private boolean closed;
  private long bytesWritten;

  SocketIo(SelectorLoop loop, OutboundQueue out) {
    this.loop = loop;
    this.out = out;
  }

  /** The dialer opened a socket: from now on it is closed with the session. */
  void attach(SocketChannel channel) {
    this.channel = channel;
  }

  /** The handshake succeeded: reading and writing may begin. */
  void opened(SelectionKey key, Wire wire) {
    this.key = key;
    this.wire = wire;
  }

  /** @return whether the socket is open and upgraded */
  boolean isOpen() {
    return wire != null && !closed;
  }

  /** @return wire bytes written so far (frames and TLS, not only application bytes) */
  long bytesWritten() {
    return bytesWritten;
  }

  /**
   * Reads and hands on what has arrived. A full buffer means more may be waiting, but after
   * {@link #READS_PER_WAKEUP} full reads the loop moves on, so that this connection's writes and
   * other connections get their turn; the selector reports the rest at once (it is level
   * triggered). Input buffered inside TLS is always drained: no readiness event would report it.
   *
   * @return false at the end of the stream
   */
  boolean read(Input input) throws IOException {
    ByteBuffer buf = loop.pool().readBuffer();
    int fullReads = 0;
    int n;
    do {
      buf.clear();
      n = wire.read(buf);
      if (n < 0) {
        return false;
      }
      buf.flip();
      if (buf.hasRemaining()) {
        input.received(buf);
      }
    } while (!closed
        && ((n == buf.capacity() && ++fullReads < READS_PER_WAKEUP) || wire.hasBufferedInput()));
    return true;
  }

  /**
   * Writes queued frames until the queue is empty or the socket is full (then it waits for
   * {@code OP_WRITE}).
   */
  void flush(MessageDeflater deflater, OutboundQueue.Gate gate, Progress progress)
      throws IOException {
    while (isOpen()) {
      ByteBuffer buf = out.fill(loop.pool(), loop.maskKeys(), deflater, gate);
      int before = buf.remaining();
      boolean all = wire.write(buf);
      bytesWritten += before - buf.remaining();
      long sent = out.written(loop.pool());
      if (sent > 0 && !progress.transmitted(sent)) {
        return;
      }
      if (!all) {
        interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return;
      }
      if (out.isEmpty()) {
        interest(SelectionKey.OP_READ);
        return;
      }
    }
  }

  private void interest(int ops) {
    if (key.isValid() && key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  /** Hands the socket to a {@link Linger} that finishes the Close frame in flight. */
  void linger(Duration timeout) {
    if (key != null && !closed) {
      closed = true; // the socket now belongs to the Linger
      new Linger(loop, channel, key, wire, out).start(timeout);
    } else {
      close();
    }
  }

  /** Closes the socket and gives back every buffer. Idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (wire != null) {
      wire.closeOutbound();
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "Closing the socket failed.", e);
      }
    }
    out.release(loop.pool());
    if (wire != null) {
      wire.release();
    }
  }
}
