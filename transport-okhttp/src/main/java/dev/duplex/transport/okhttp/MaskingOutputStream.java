package dev.duplex.transport.okhttp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output stream that puts OkHttp's frames on the wire re-masked by an {@link
 * OutboundMasker}.
 *
 * <p>Threading: like any socket output stream, one writing thread at a time.
 */
final class MaskingOutputStream extends FilterOutputStream {
  private final OutboundMasker masker;

  MaskingOutputStream(OutputStream out, WireControl wire) {
    super(out);
    this.masker = new OutboundMasker(wire);
    wire.attach();
  }

  @Override
  public void write(int b) throws IOException {
    out.write(masker.transform(new byte[] {(byte) b}, 0, 1));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    byte[] wire = masker.transform(b, off, len);
    if (wire.length > 0) {
      out.write(wire);
    }
  }
}
