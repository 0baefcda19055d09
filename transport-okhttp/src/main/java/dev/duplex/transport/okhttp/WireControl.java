package dev.duplex.transport.okhttp;

/**
 * What a connection asks of the bytes its socket writes, beyond what OkHttp can be told: today,
 * that its Close frame go out without a body. OkHttp's {@code close()} requires a status code, so
 * the connection closes with 1000 and the {@link OutboundMasker} strips the code from that frame.
 *
 * <p>Threading: thread-safe (the connection sets, the socket's writer reads).
 */
final class WireControl {
  private volatile boolean emptyClose;
  private volatile boolean attached;

  /** The next Close frame OkHttp writes (carrying 1000 and no reason) goes out empty. */
  void requestEmptyClose() {
    emptyClose = true;
  }

  boolean emptyCloseRequested() {
    return emptyClose;
  }

  /** Records that a socket of this connection writes through an {@link OutboundMasker}. */
  void attach() {
    attached = true;
  }

  /** @return whether the connection's frames pass through an {@link OutboundMasker} */
  boolean attached() {
    return attached;
  }
}
