package dev.duplex.internal;

import dev.duplex.Blob;
import dev.duplex.Event;
import dev.duplex.EventTarget;
import dev.duplex.MessageEvent;
import java.nio.ByteBuffer;

/**
 * The engine's door into package-private operations of {@code dev.duplex} (the "shared
 * secrets" idiom of the JDK): the public package registers an {@link Access} when
 * {@link Event} is initialised.
 *
 * <p>Threading: thread-safe; the first registration of {@code dev.duplex}'s own implementation
 * wins, any other is ignored.
 */
public final class ApiBridge {
  private static volatile Access access;

  private ApiBridge() {}

  /** What {@code dev.duplex} lets the engine do. */
  public interface Access {
    /**
     * Marks an event as being dispatched at {@code target}.
     *
     * @param event the event
     * @param target its target
     * @param trusted whether the user agent fired it
     */
    void beginDispatch(Event event, EventTarget target, boolean trusted);

    /** @param event the event whose dispatch ended */
    void endDispatch(Event event);

    /**
     * Wraps bytes nobody else will change as a Blob, without copying when possible.
     *
     * @param data the bytes, position to limit
     * @return the blob
     */
    Blob adoptBlob(ByteBuffer data);

    /**
     * @param data the message
     * @param url the socket's URL, whose origin the event reports (worked out on first use)
     * @return a trusted-to-be {@code message} event
     */
    MessageEvent messageEvent(Object data, ParsedUrl url);

    /**
     * @param blob a blob
     * @return a read-only view of its bytes, without copying
     */
    ByteBuffer blobContent(Blob blob);
  }

  /**
   * Registers the access object; called once by {@code dev.duplex.Event}.
   *
   * @param a the access object
   */
  public static synchronized void register(Access a) {
    // Only dev.duplex's own implementation, from this module and class loader, is accepted.
    boolean ours = a.getClass().getName().equals("dev.duplex.ApiAccessImpl")
        && a.getClass().getModule() == ApiBridge.class.getModule()
        && a.getClass().getClassLoader() == ApiBridge.class.getClassLoader();
    if (access == null && ours) {
      access = a;
    }
  }

  static Access get() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(Event.class.getName(), true, Event.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("dev.duplex.Event is missing from the api module.", e);
      }
      a = access;
    }
    return a;
  }
}
