package dev.duplex.examples;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.util.List;

/**
 * The W3C specification's own example of {@code onmessage}: a trivial protocol in which the
 * server sends {@code "on"} or {@code "off"} and the client turns a lamp on or off.
 *
 * <pre>
 * mysocket.onmessage = function (event) {
 *   if (event.data == 'on') { turnLampOn(); } else if (event.data == 'off') { turnLampOff(); }
 * };
 * </pre>
 *
 * <p>Threading: {@link #connect} from any thread; the lamp is called on the context's event loop.
 */
public final class LampClient {
  private LampClient() {}

  /** What the server switches. Called on the context's event loop. */
  public interface Lamp {
    /** Turns the lamp on. */
    void turnLampOn();

    /** Turns the lamp off. */
    void turnLampOff();

    /** The connection is gone; default: nothing. */
    default void unplugged() {}
  }

  /**
   * @param context the context
   * @param url the lamp server, for example {@code ws://127.0.0.1:8025/lamp}
   * @param lamp the lamp to switch
   * @return the socket
   */
  public static WebSocket connect(WebSocketContext context, String url, Lamp lamp) {
    return context.open(url, List.of(), mysocket -> {
      mysocket.onmessage(event -> {
        if (event.data().equals("on")) {
          lamp.turnLampOn();
        } else if (event.data().equals("off")) {
          lamp.turnLampOff();
        }
      });
      mysocket.onclose(event -> lamp.unplugged());
    });
  }
}
