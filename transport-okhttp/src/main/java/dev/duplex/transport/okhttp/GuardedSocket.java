package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain TCP socket (for {@code ws:}) whose input OkHttp reads through an {@link InboundGuard}
 * and whose frames it writes re-masked by an {@link OutboundMasker}.
 * It is the socket the JDK's default socket factory would make, with only its streams wrapped; a client with a socket factory of its own keeps that factory and goes unguarded (see
 * {@link OkHttpTransportProvider#capabilities()}).
 *
 * <p>Threading: as thread-safe as {@link Socket}.
 */
final class GuardedSocket extends Socket {
  private final InboundGuard guard;
  private final WireControl wire;
  private volatile InputStream guarded;
  private volatile OutputStream masking;

  GuardedSocket(InboundGuard guard, WireControl wire) {
    this.guard = guard;
    this.wire = wire;
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

  @Override
  public OutputStream getOutputStream() throws IOException {
    OutputStream out = masking;
    if (out == null) {
      out = new MaskingOutputStream(super.getOutputStream(), wire);
      masking = out;
    }
    return out;
  }
}
