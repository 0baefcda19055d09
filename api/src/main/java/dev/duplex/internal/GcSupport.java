package dev.duplex.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Section 9, garbage collection: when a socket must be kept reachable, and what happens when it
 * is collected (the engine closes an OPEN connection with no status code).
 *
 * <p>One weak reference per socket ({@link FacadeRef}) is both the engine's way to its facade and
 * the notice that the facade was collected: a daemon thread waits on their reference queue and
 * queues {@link SocketEngine#facadeCollected} on the socket's loop. This is what
 * {@link java.lang.ref.Cleaner} does, written out here because a Cleaner would need, besides the
 * weak reference the engine must keep anyway, a phantom reference and an action object per
 * socket: 64 bytes, a thirtieth of an idle socket's budget.
 *
 * <p>Threading: thread-safe; the reaper thread only queues a task on the socket's loop.
 */
final class GcSupport {
  private static final System.Logger LOG = System.getLogger("dev.duplex");
  private static final ReferenceQueue<WebSocketFacade> COLLECTED = new ReferenceQueue<>();

  static {
    Thread reaper = new Thread(GcSupport::reap, "duplex-gc");
    reaper.setDaemon(true);
    reaper.start();
  }

  private GcSupport() {}

  /** The engine's weak reference to its facade, enqueued when the facade is collected. */
  static final class FacadeRef extends WeakReference<WebSocketFacade> {
    private final SocketEngine engine;

    private FacadeRef(WebSocketFacade facade, SocketEngine engine) {
      super(facade, COLLECTED);
      this.engine = engine;
    }
  }

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

  /**
   * @return the engine's reference to {@code facade}; when the facade has been collected,
   *     {@code engine} hears it on its loop (as long as the engine itself is reachable: an
   *     engine collected with its facade has nothing left to close)
   */
  static FacadeRef watch(WebSocketFacade facade, SocketEngine engine) {
    return new FacadeRef(facade, engine);
  }

  private static void reap() {
    while (true) {
      try {
        SocketEngine engine = ((FacadeRef) COLLECTED.remove()).engine;
        engine.loop().execute(() -> LoopTaskScope.run(engine::facadeCollected));
      } catch (InterruptedException e) {
        // Nobody stops this daemon thread on purpose; it lives as long as the JVM.
        LOG.log(System.Logger.Level.DEBUG, "The duplex-gc thread was interrupted; it goes on.");
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "Duplex failed to close a collected socket.", e);
      }
    }
  }
}
