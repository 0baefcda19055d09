package dev.duplex.tck.client;

import dev.duplex.CloseEvent;
import dev.duplex.Event;
import dev.duplex.MessageEvent;

/**
 * One event the api dispatched to a socket's handler, with the socket's {@code readyState} and
 * {@code bufferedAmount} as the handler saw them.
 *
 * <p>Threading: immutable (the event objects are the api's and are not changed after dispatch).
 *
 * @param type {@code open}, {@code message}, {@code error} or {@code close}
 * @param readyState the socket's readyState inside the handler
 * @param event the event
 * @param thread the name of the thread that ran the handler
 */
public record ApiEvent(String type, int readyState, Event event, String thread) {

  /** @return the event as a close event */
  public CloseEvent close() {
    return (CloseEvent) event;
  }

  /** @return the event as a message event */
  public MessageEvent message() {
    return (MessageEvent) event;
  }

  @Override
  public String toString() {
    return switch (type) {
      case "close" -> "close(code=" + close().code() + ", reason=" + close().reason() + ", wasClean="
          + close().wasClean() + ", readyState=" + readyState + ")";
      case "message" -> "message(" + message().data() + ")";
      default -> type + "(readyState=" + readyState + ")";
    };
  }
}
