package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Masking keys for client frames (RFC 6455 section 5.3: "derived from a strong source of
 * entropy", unpredictable for each frame). Keys come straight from a {@link SecureRandom}, drawn
 * 256 at a time so that a frame costs one array read rather than one call into the generator.
 *
 * <p>Threading: not thread-safe; one instance per selector thread.
 */
final class MaskKeys {
  private static final int KEYS_PER_DRAW = 256;
  private final SecureRandom random;
  private final ByteBuffer keys = ByteBuffer.allocate(KEYS_PER_DRAW * 4);

  MaskKeys(SecureRandom random) {
    this.random = random;
    keys.position(keys.limit());
  }

  /** @return a fresh masking key, its first byte in the most significant position */
  int next() {
    if (!keys.hasRemaining()) {
      random.nextBytes(keys.array());
      keys.clear();
    }
    return keys.getInt();
  }
}
