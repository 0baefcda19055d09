package dev.duplex.transport.okhttp;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input stream that shows every chunk to an {@link InboundGuard} before OkHttp gets it,
 * and fails the read after the guard has found a broken rule.
 *
 * <p>The response head is held back until it is complete and handed over as the guard gives it
 * (with the {@code Connection} repair of {@link ResponseHead}); OkHttp cannot parse a partial
 * head anyway. Frames that arrive with the head are inspected like any others.
 *
 * <p>Threading: like any socket input stream, one reading thread at a time.
 */
final class GuardedInputStream extends FilterInputStream {
  private final InboundGuard guard;
  private byte[] pending;
  private int pendingAt;

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
    if (len == 0) {
      return 0;
    }
    if (pending != null) {
      return fromPending(b, off, len);
    }
    IOException broken = guard.violation();
    if (broken != null) {
      throw broken;
    }
    if (guard.readingHeaders()) {
      return readHead(b, off, len);
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

  /** Reads until the response head is complete, then hands it over with what followed it. */
  private int readHead(byte[] b, int off, int len) throws IOException {
    byte[] chunk = new byte[8192];
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    boolean eof = false;
    while (guard.readingHeaders()) {
      int n = in.read(chunk, 0, chunk.length);
      if (n < 0) {
        eof = true;
        break;
      }
      int used = guard.acceptHeaders(chunk, 0, n);
      if (!guard.readingHeaders()) {
        int pass = guard.inspect(chunk, used, n - used);
        frames.write(chunk, used, pass);
      }
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(guard.headerBlock());
    all.writeBytes(frames.toByteArray());
    pending = all.toByteArray();
    pendingAt = 0;
    if (pending.length == 0 && eof) {
      pending = null;
      return -1;
    }
    return fromPending(b, off, len);
  }

  private int fromPending(byte[] b, int off, int len) {
    int n = Math.min(len, pending.length - pendingAt);
    System.arraycopy(pending, pendingAt, b, off, n);
    pendingAt += n;
    if (pendingAt == pending.length) {
      pending = null;
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return pending != null ? pending.length - pendingAt : super.available();
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
