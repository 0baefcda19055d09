package dev.duplex.transport.nio.internal;

import dev.duplex.spi.CloseCodes;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses permessage-deflate messages (RFC 7692 section 7.2.2): each frame's payload is fed
 * as it arrives, and at the end of the message the four octets {@code 00 00 ff ff} that the
 * sender removed are fed back. Output goes straight into the message's {@link MessageBuffer},
 * never past the maximum message size (a "zip bomb" fails with 1009 after at most that much).
 *
 * <p>The sliding window is kept between messages unless the server declared
 * {@code server_no_context_takeover}; a 32 KiB window ({@code nowrap} inflater) accepts every
 * {@code server_max_window_bits}.
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread.
 */
final class MessageInflater {
  private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

  private final Inflater inflater = new Inflater(true);
  private final boolean resetPerMessage;

  MessageInflater(boolean serverNoContextTakeover) {
    this.resetPerMessage = serverNoContextTakeover;
  }

  /** Inflates all of {@code compressed} into {@code out}. */
  void inflate(ByteBuffer compressed, MessageBuffer out, long maxSize) throws WebSocketFailure {
    inflater.setInput(compressed);
    drain(out, maxSize);
    compressed.position(compressed.limit());
  }

  /** Ends the message: feeds the removed tail and inflates what remains. */
  void finish(MessageBuffer out, long maxSize) throws WebSocketFailure {
    inflater.setInput(TAIL);
    drain(out, maxSize);
    if (resetPerMessage || inflater.finished()) {
      inflater.reset();
    }
  }

  private void drain(MessageBuffer out, long maxSize) throws WebSocketFailure {
    try {
      while (true) {
        if (out.free() == 0) {
          out.ensureFree(8192);
        }
        int n = inflater.inflate(out.array(), out.size(), out.free());
        out.advance(n);
        if (out.size() > maxSize) {
          throw new WebSocketFailure(CloseCodes.MESSAGE_TOO_BIG,
              "The decompressed message exceeds the maximum message size of " + maxSize + " bytes.");
        }
        if (n == 0 && (inflater.needsInput() || inflater.finished())) {
          return;
        }
        if (n == 0 && inflater.needsDictionary()) {
          throw WebSocketFailure.protocol("The compressed message asks for a preset dictionary.");
        }
      }
    } catch (DataFormatException e) {
      throw new WebSocketFailure(CloseCodes.PROTOCOL_ERROR,
          "The server sent data that does not decompress: " + e.getMessage() + ".", e);
    }
  }

  /** Frees the native memory. */
  void end() {
    inflater.end();
  }
}
