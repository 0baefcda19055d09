package dev.duplex.transport.okhttp;

/**
 * What a connection and its wrapped sockets tell each other beyond what OkHttp passes: that its
 * Close frame go out without a body (OkHttp's {@code close()} requires a status code, so the
 * connection closes with 1000 and the {@link OutboundMasker} strips the code), and the report of
 * a completed closing handshake, which waits until TCP has closed (see {@link GuardedSocket}).
 *
 * <p>Threading: thread-safe (the connection sets, the socket's writer reads).
 */
final class WireControl {
  private final long closeTimeoutMillis;
  private volatile boolean emptyClose;
  private volatile boolean attached;
  private volatile boolean ownsTcp;
  private volatile boolean closeReceived;
  private volatile boolean aborting;
  private boolean tcpClosed;
  private Runnable cleanClose;

  /** @param closeTimeoutMillis how long to wait for the server to close TCP (RFC 6455 7.1.1) */
  WireControl(long closeTimeoutMillis) {
    this.closeTimeoutMillis = closeTimeoutMillis;
  }

  long closeTimeoutMillis() {
    return closeTimeoutMillis;
  }

  /** Records that the connection's TCP socket is a {@link GuardedSocket}. */
  void ownTcp() {
    ownsTcp = true;
  }

  /** The server's Close frame has arrived: from now on TCP waits for the server to close it. */
  void closeReceived() {
    closeReceived = true;
  }

  boolean closeWasReceived() {
    return closeReceived;
  }

  /** The connection is being cancelled: close TCP at once, whatever the handshake's state. */
  void abort() {
    aborting = true;
  }

  boolean aborting() {
    return aborting;
  }

  /**
   * Defers the report of a completed closing handshake until the {@link GuardedSocket} has seen
   * TCP close.
   *
   * @return false if it cannot wait (the socket is not ours, or TCP is closed already): report now
   */
  synchronized boolean deferCleanClose(Runnable report) {
    if (!ownsTcp || tcpClosed) {
      return false;
    }
    cleanClose = report;
    return true;
  }

  /** @return the deferred report, once, or null; TCP is closed from now on */
  synchronized Runnable tcpClosed() {
    tcpClosed = true;
    return takeCleanClose();
  }

  /** @return the deferred report, once, or null */
  synchronized Runnable takeCleanClose() {
    Runnable r = cleanClose;
    cleanClose = null;
    return r;
  }

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
