package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outgoing permessage-deflate messages (RFC 7692 section 7.2.1): deflate, flush, and
 * remove the final {@code 00 00 ff ff}.
 *
 * <p><b>The window.</b> {@link Deflater} always uses a 32 KiB window (15 bits) and cannot be
 * told to use less, yet a server may impose {@code client_max_window_bits} below 15, and its
 * inflater then cannot resolve a back-reference further than 2^bits bytes. So that every
 * reference stays within that window, this class feeds the input in chunks of at most
 * 2^bits bytes and ends each chunk with {@link Deflater#FULL_FLUSH}, which empties the
 * compressor's history: a reference can then reach only into its own chunk, whose bytes all lie
 * within the window. Compression is a little worse, and never wrong. At 15 bits it uses
 * {@link Deflater#SYNC_FLUSH} once per message, which keeps the history for the next message.
 *
 * <p><b>Context takeover.</b> With {@code client_no_context_takeover} (which the server may
 * impose even though the client did not offer it) the deflater is {@linkplain Deflater#reset()
 * reset} before each message, so no message refers to an earlier one.
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread (messages must be
 * compressed in the order they are sent).
 */
final class MessageDeflater {
  private static final int FULL_WINDOW_BITS = 15;

  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final boolean noContextTakeover;
  private final int chunk;
  private final int flush;

  MessageDeflater(boolean noContextTakeover, int windowBits) {
    this.noContextTakeover = noContextTakeover;
    boolean smallWindow = windowBits < FULL_WINDOW_BITS;
    this.chunk = smallWindow ? 1 << windowBits : Integer.MAX_VALUE;
    this.flush = smallWindow ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
  }

  /**
   * Compresses {@code length} bytes of {@code src} from index {@code start} (its position and
   * limit are neither used nor changed).
   *
   * @return the compressed payload, without the trailing {@code 00 00 ff ff}
   */
  ByteBuffer compress(ByteBuffer src, int start, int length) {
    if (noContextTakeover) {
      deflater.reset();
    }
    byte[] out = new byte[Math.max(64, length / 2 + 64)];
    int size = 0;
    int offset = 0;
    do {
      int n = Math.min(chunk, length - offset);
      deflater.setInput(src.duplicate().limit(start + offset + n).position(start + offset));
      offset += n;
      while (true) {
        if (size == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        int produced = deflater.deflate(out, size, out.length - size, flush);
        size += produced;
        // A flush is complete when it stopped short of filling the output.
        if (size < out.length && deflater.needsInput()) {
          break;
        }
      }
    } while (offset < length);
    if (size >= 4 && out[size - 4] == 0 && out[size - 3] == 0
        && out[size - 2] == (byte) 0xff && out[size - 1] == (byte) 0xff) {
      size -= 4;
    }
    return ByteBuffer.wrap(out, 0, size);
  }

  /** Frees the native memory. */
  void end() {
    deflater.end();
  }
}
