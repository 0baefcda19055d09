package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** W3C section 4: the readyState values and the transitions the algorithms make. */
class ReadyStateTest {

  @Test
  void section4_readyState_valuesMatchTheIdlConstants() {
    assertEquals(dev.duplex.WebSocket.CONNECTING, ReadyState.CONNECTING.value());
    assertEquals(dev.duplex.WebSocket.OPEN, ReadyState.OPEN.value());
    assertEquals(dev.duplex.WebSocket.CLOSING, ReadyState.CLOSING.value());
    assertEquals(dev.duplex.WebSocket.CLOSED, ReadyState.CLOSED.value());
  }

  @Test
  void section4_readyState_onlyMovesForward() {
    assertTrue(ReadyState.CONNECTING.canMoveTo(ReadyState.OPEN));
    assertTrue(ReadyState.CONNECTING.canMoveTo(ReadyState.CLOSING));
    assertTrue(ReadyState.CONNECTING.canMoveTo(ReadyState.CLOSED));
    assertTrue(ReadyState.OPEN.canMoveTo(ReadyState.CLOSING));
    assertTrue(ReadyState.OPEN.canMoveTo(ReadyState.CLOSED));
    assertTrue(ReadyState.CLOSING.canMoveTo(ReadyState.CLOSED));
    assertFalse(ReadyState.OPEN.canMoveTo(ReadyState.CONNECTING));
    assertFalse(ReadyState.CLOSING.canMoveTo(ReadyState.OPEN));
    assertFalse(ReadyState.CLOSING.canMoveTo(ReadyState.CLOSING));
    for (ReadyState s : ReadyState.values()) {
      assertFalse(ReadyState.CLOSED.canMoveTo(s));
    }
  }
}
