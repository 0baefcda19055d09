package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessageDecoder.Sink} that writes down what it receives as short strings, for exact
 * assertions. Threading: one test thread.
 */
final class RecordingSink implements MessageDecoder.Sink {
  final List<String> events = new ArrayList<>();

  @Override
  public void text(String text) {
    events.add("text:" + text);
  }

  @Override
  public void binary(ByteBuffer data) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    events.add("binary:" + (b.length > 16 ? b.length + " bytes" : Hex.of(b)));
  }

  @Override
  public void ping(byte[] payload) {
    events.add("ping:" + Hex.of(payload));
  }

  @Override
  public void pong(byte[] payload) {
    events.add("pong:" + Hex.of(payload));
  }

  @Override
  public void closeReceived(int code, String reason) {
    events.add("close:" + code + ":" + reason);
  }
}
