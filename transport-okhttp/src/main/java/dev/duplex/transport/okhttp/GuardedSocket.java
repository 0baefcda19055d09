package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain TCP socket (for {@code ws:}) whose input OkHttp reads through an {@link InboundGuard}.
 * It is the socket the JDK's default socket factory would make, with only its input stream
 * wrapped; a client with a socket factory of its own keeps that factory and goes unguarded (see
 * {@link OkHttpTransportProvider#capabilities()}).
 *
 * <p>Threading: as thread-safe as {@link Socket}.
 */
final class GuardedSocket extends Socket {
  private final InboundGuard guard;
  private volatile InputStream guarded;

  GuardedSocket(InboundGuard guard) {
    this.guard = guard;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    InputStream in = guarded;
    if (in == null) {
      in = new GuardedInputStream(super.getInputStream(), guard);
      guarded = in;
    }
    return in;
  }
}
