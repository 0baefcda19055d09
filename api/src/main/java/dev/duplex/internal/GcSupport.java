package dev.duplex.internal;

import java.lang.ref.Cleaner;

/**
 * Section 9, garbage collection: when a socket must be kept reachable, and what happens when it
 * is collected (the engine closes an OPEN connection with no status code). Uses
 * {@link java.lang.ref.Cleaner} rather than finalization.
 *
 * <p>Threading: thread-safe; the cleaning action runs on the Cleaner's thread and only queues a
 * task on the socket's loop.
 */
final class GcSupport {
  private static final Cleaner CLEANER = Cleaner.create();

  private GcSupport() {}

  /**
   * @param state the readyState
   * @param listeners the socket's listeners
   * @param dataQueued whether sent data has not been transmitted yet
   * @return whether section 9 forbids collecting the socket
   */
  static boolean mustKeep(ReadyState state, ListenerList listeners, boolean dataQueued) {
    switch (state) {
      case CONNECTING:
        return listeners.has("open") || listeners.has("message") || listeners.has("error")
            || listeners.has("close");
      case OPEN:
        return dataQueued || listeners.has("message") || listeners.has("error")
            || listeners.has("close");
      case CLOSING:
        return dataQueued || listeners.has("error") || listeners.has("close");
      default:
        return false;
    }
  }

  /** Arranges for {@code engine} to hear when {@code facade} has been collected. */
  static void watch(WebSocketFacade facade, SocketEngine engine) {
    CLEANER.register(facade, new Collected(engine));
  }

  /** The cleaning action; must not reference the facade. */
  private static final class Collected implements Runnable {
    private final SocketEngine engine;

    Collected(SocketEngine engine) {
      this.engine = engine;
    }

    @Override
    public void run() {
      engine.loop().execute(() -> LoopTaskScope.run(engine::facadeCollected));
    }
  }
}
