package dev.duplex.transport.nio.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A {@link Wire} through TLS ({@code wss:}): the JDK's {@link SSLEngine} over the non-blocking
 * socket. Ciphertext buffers are pooled and held only while they hold bytes (a partial record
 * in, a record not yet written out).
 *
 * <p>Threading: confined to the connection's selector thread; only the engine's delegated tasks
 * run elsewhere, while this wire waits.
 */
final class TlsWire implements Wire {
  /** What the handshake needs next. */
  enum Need { DONE, READ, WRITE, TASK }

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SocketChannel channel;
  private final SSLEngine engine;
  private final BufferPool pool;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  /** Whether the last unwrap stopped because {@code dst} was full, with input left over. */
  private boolean moreInput;

  TlsWire(SocketChannel channel, SSLEngine engine, BufferPool pool) {
    this.channel = channel;
    this.engine = engine;
    this.pool = pool;
  }

  SSLEngine engine() {
    return engine;
  }

  /** Advances the TLS handshake as far as the network allows now. */
  Need handshake() throws IOException {
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP:
          wrap(EMPTY);
          if (!flushNetOut()) {
            return Need.WRITE;
          }
          break;
        case NEED_UNWRAP:
        case NEED_UNWRAP_AGAIN:
          ByteBuffer scratch = pool.acquire();
          try {
            SSLEngineResult.Status status = unwrap(scratch);
            if (scratch.position() > 0) {
              throw new SSLException("The server sent application data during the TLS handshake.");
            }
            if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW && !fillNetIn()) {
              return Need.READ;
            }
          } finally {
            pool.release(scratch);
          }
          break;
        case NEED_TASK:
          return Need.TASK;
        default:
          return flushNetOut() ? Need.DONE : Need.WRITE;
      }
    }
  }

  /** Runs the engine's delegated tasks (slow: certificate checks); on any thread but the loop. */
  void runDelegatedTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int before = dst.position();
    moreInput = false;
    while (true) {
      SSLEngineResult.Status status = unwrap(dst);
      if (status == SSLEngineResult.Status.CLOSED) {
        return dst.position() > before ? dst.position() - before : -1;
      }
      if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        moreInput = true;
        return dst.position() - before;
      }
      if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
        runDelegatedTasks(); // post-handshake messages: rare and quick
      }
      if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
        write(EMPTY); // a key update or similar answer
      }
      if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
        if (dst.position() > before || !fillNetIn()) {
          return dst.position() - before; // the socket is level-triggered: the rest comes later
        }
      }
    }
  }

  @Override
  public boolean hasBufferedInput() {
    return moreInput;
  }

  @Override
  public boolean write(ByteBuffer src) throws IOException {
    if (!flushNetOut()) {
      return false;
    }
    do {
      wrap(src);
      if (!flushNetOut()) {
        return false;
      }
    } while (src.hasRemaining());
    return true;
  }

  private void wrap(ByteBuffer src) throws IOException {
    if (netOut == null) {
      netOut = pool.acquire();
    }
    SSLEngineResult r = engine.wrap(src, netOut);
    if (r.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
      throw new EOFException("The TLS session is closed.");
    }
  }

  /** @return whether every ciphertext byte has been written */
  private boolean flushNetOut() throws IOException {
    if (netOut == null) {
      return true;
    }
    netOut.flip();
    channel.write(netOut);
    boolean done = !netOut.hasRemaining();
    netOut.compact();
    if (done) {
      pool.release(netOut);
      netOut = null;
    }
    return done;
  }

  /** @return whether any ciphertext arrived; throws at end of stream */
  private boolean fillNetIn() throws IOException {
    if (netIn == null) {
      netIn = pool.acquire();
    }
    int n = channel.read(netIn);
    if (n < 0) {
      if (netIn.position() == 0) {
        pool.release(netIn);
        netIn = null;
      }
      throw new EOFException("The server closed the connection inside the TLS stream.");
    }
    return n > 0;
  }

  private SSLEngineResult.Status unwrap(ByteBuffer dst) throws IOException {
    if (netIn == null || netIn.position() == 0) {
      return SSLEngineResult.Status.BUFFER_UNDERFLOW;
    }
    netIn.flip();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, dst);
    } finally {
      netIn.compact();
    }
    if (netIn.position() == 0 && r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
      pool.release(netIn);
      netIn = null;
    }
    if (r.getStatus() == SSLEngineResult.Status.OK && r.bytesConsumed() == 0
        && r.bytesProduced() == 0 && netIn != null) {
      return SSLEngineResult.Status.BUFFER_UNDERFLOW; // a partial record: wait for more
    }
    return r.getStatus();
  }

  @Override
  public void closeOutbound() {
    engine.closeOutbound();
    try {
      wrap(EMPTY); // the close_notify alert
      flushNetOut();
    } catch (IOException e) {
      // best effort: the socket is being closed anyway
    }
  }

  @Override
  public void release() {
    pool.release(netIn);
    pool.release(netOut);
    netIn = null;
    netOut = null;
  }
}
