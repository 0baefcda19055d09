package dev.duplex.tck;

import java.time.Duration;

/**
 * The bounds every wait of the kit uses, so the whole kit runs in minutes and a hang is reported
 * as a failure with a sentence instead of stalling the build.
 *
 * <p>Threading: constants only.
 */
public final class Timeouts {
  /** The longest any single expected event may take (a connection, a frame, a callback). */
  public static final Duration WAIT = Duration.ofSeconds(5);
  /** A policy timeout set short in the tests (handshake timeout, pong timeout, close timeout). */
  public static final Duration POLICY = Duration.ofMillis(700);

  private Timeouts() {}
}
