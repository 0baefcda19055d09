package dev.duplex.transport.nio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Wire} straight over the socket ({@code ws:}).
 *
 * <p>Threading: confined to the connection's selector thread.
 */
final class PlainWire implements Wire {
  private final SocketChannel channel;

  PlainWire(SocketChannel channel) {
    this.channel = channel;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public boolean hasBufferedInput() {
    return false;
  }

  @Override
  public boolean write(ByteBuffer src) throws IOException {
    channel.write(src);
    return !src.hasRemaining();
  }

  @Override
  public void release() {
    // holds no buffers
  }
}
