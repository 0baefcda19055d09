package dev.duplex.transport.okhttp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input stream that shows every chunk to an {@link InboundGuard} before OkHttp gets it,
 * and fails the read after the guard has found a broken rule.
 *
 * <p>Threading: like any socket input stream, one reading thread at a time.
 */
final class GuardedInputStream extends FilterInputStream {
  private final InboundGuard guard;

  GuardedInputStream(InputStream in, InboundGuard guard) {
    super(in);
    this.guard = guard;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    IOException broken = guard.violation();
    if (broken != null) {
      throw broken;
    }
    int n = in.read(b, off, len);
    if (n <= 0) {
      return n;
    }
    int pass = guard.inspect(b, off, n);
    if (pass == 0) {
      throw guard.violation();
    }
    return pass;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be seen too: read them instead.
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    int got = read(scratch, 0, scratch.length);
    return Math.max(0, got);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
