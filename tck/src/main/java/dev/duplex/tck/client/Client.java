package dev.duplex.tck.client;

import dev.duplex.spi.Connection;
import java.nio.ByteBuffer;

/**
 * One connection opened by the kit directly through the spi: the transport's {@link Connection}
 * and the {@link RecordingListener} receiving its callbacks.
 *
 * <p>Threading: the connection may be used from any thread; the listener's waits from the test
 * thread.
 *
 * @param connection the handle to send and close through
 * @param events what the transport reported
 */
public record Client(Connection connection, RecordingListener events) {

  /** @param text a text message to send */
  public void sendText(String text) {
    connection.sendText(text);
  }

  /** @param bytes a binary message to send */
  public void sendBinary(byte[] bytes) {
    connection.sendBinary(ByteBuffer.wrap(bytes.clone()));
  }

  /**
   * @param code the close code (1005 for none)
   * @param reason the reason
   */
  public void close(int code, String reason) {
    connection.close(code, reason);
  }
}
