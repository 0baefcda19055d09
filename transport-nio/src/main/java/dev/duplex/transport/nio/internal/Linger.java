package dev.duplex.transport.nio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * What remains of a connection that failed after sending its Close frame (RFC 6455 7.1.7): it
 * finishes writing that frame, shuts the output down, discards whatever still arrives and closes
 * the socket when the server does or after the close timeout. Closing at once could make the
 * kernel answer unread input with a reset, and the server could lose the Close frame and its code.
 * The listener has already been told; nothing here reports anything.
 *
 * <p>Threading: confined to the connection's selector thread.
 */
final class Linger implements SelectorLoop.Handler, OutboundQueue.Gate {
  private final SelectorLoop loop;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final Wire wire;
  private final OutboundQueue out;
  private SelectorLoop.Timer timer;
  private boolean closed;

  Linger(SelectorLoop loop, SocketChannel channel, SelectionKey key, Wire wire, OutboundQueue out) {
    this.loop = loop;
    this.channel = channel;
    this.key = key;
    this.wire = wire;
    this.out = out;
  }

  /** Takes the socket over from its connection. */
  void start(Duration timeout) {
    key.attach(this);
    timer = loop.schedule(timeout.toNanos(), this::close);
    try {
      flush();
    } catch (IOException e) {
      close();
    }
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    if (key.isWritable()) {
      flush();
    }
    if (key.isValid() && key.isReadable()) {
      ByteBuffer buf = loop.pool().readBuffer();
      int n;
      do {
        buf.clear();
        n = wire.read(buf); // discarded: the connection has already failed
      } while (n > 0 || wire.hasBufferedInput());
      if (n < 0) {
        close();
      }
    }
  }

  private void flush() throws IOException {
    ByteBuffer buf = out.fill(loop.pool(), loop.maskKeys(), null, this);
    boolean all = wire.write(buf);
    out.written(loop.pool());
    if (all && out.isEmpty()) {
      key.interestOps(SelectionKey.OP_READ);
      channel.shutdownOutput();
    } else {
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  /** Only the bytes already in flight (the rest of a frame and the Close) are written. */
  @Override
  public boolean admit(OutboundFrame frame) {
    return false;
  }

  @Override
  public void written(OutboundFrame frame) {
    // nothing new is admitted
  }

  @Override
  public void crashed(Throwable cause) {
    close();
  }

  @Override
  public void shutdown() {
    close();
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // the connection has already been reported; nothing more to do
    }
    out.release(loop.pool());
    wire.release();
  }
}
