package dev.duplex.transport.okhttp;

/**
 * A TLS socket whose decrypted input OkHttp reads through an {@link InboundGuard} and whose
 * frames it writes re-masked by an {@link OutboundMasker} (for {@code wss:}). Everything else is forwarded to the delegate, the socket the client's own TLS factory
 * made (the JDK has no delegating SSLSocket to extend).
 *
 * <p>Threading: as thread-safe as the delegate.
 */
final class GuardedSslSocket extends javax.net.ssl.SSLSocket {
  private final javax.net.ssl.SSLSocket delegate;
  private final InboundGuard guard;
  private final WireControl wire;
  private volatile java.io.InputStream guarded;
  private volatile java.io.OutputStream masking;

  GuardedSslSocket(javax.net.ssl.SSLSocket delegate, InboundGuard guard, WireControl wire) {
    this.delegate = delegate;
    this.guard = guard;
    this.wire = wire;
    if (guard != null) {
      guard.onCloseFrame(wire::closeReceived);
    }
  }

  @Override
  public java.nio.channels.SocketChannel getChannel() {
    return null; // the guard sits on the stream; a channel would bypass it
  }

  @Override
  public java.io.InputStream getInputStream() throws java.io.IOException {
    java.io.InputStream in = guarded;
    if (in == null) {
      in = new GuardedInputStream(delegate.getInputStream(), guard);
      guarded = in;
    }
    return in;
  }

  @Override
  public <T> java.net.Socket setOption(java.net.SocketOption<T> name, T value)
      throws java.io.IOException {
    delegate.setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(java.net.SocketOption<T> name) throws java.io.IOException {
    return delegate.getOption(name);
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return delegate.getEnabledCipherSuites();
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {
    delegate.setEnabledCipherSuites(suites);
  }

  @Override
  public String[] getSupportedProtocols() {
    return delegate.getSupportedProtocols();
  }

  @Override
  public String[] getEnabledProtocols() {
    return delegate.getEnabledProtocols();
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {
    delegate.setEnabledProtocols(protocols);
  }

  @Override
  public javax.net.ssl.SSLSession getSession() {
    return delegate.getSession();
  }

  @Override
  public javax.net.ssl.SSLSession getHandshakeSession() {
    return delegate.getHandshakeSession();
  }

  @Override
  public void addHandshakeCompletedListener(javax.net.ssl.HandshakeCompletedListener listener) {
    delegate.addHandshakeCompletedListener(listener);
  }

  @Override
  public void removeHandshakeCompletedListener(javax.net.ssl.HandshakeCompletedListener listener) {
    delegate.removeHandshakeCompletedListener(listener);
  }

  @Override
  public void startHandshake() throws java.io.IOException {
    delegate.startHandshake();
  }

  @Override
  public void setUseClientMode(boolean mode) {
    delegate.setUseClientMode(mode);
  }

  @Override
  public boolean getUseClientMode() {
    return delegate.getUseClientMode();
  }

  @Override
  public void setNeedClientAuth(boolean need) {
    delegate.setNeedClientAuth(need);
  }

  @Override
  public boolean getNeedClientAuth() {
    return delegate.getNeedClientAuth();
  }

  @Override
  public void setWantClientAuth(boolean want) {
    delegate.setWantClientAuth(want);
  }

  @Override
  public boolean getWantClientAuth() {
    return delegate.getWantClientAuth();
  }

  @Override
  public void setEnableSessionCreation(boolean flag) {
    delegate.setEnableSessionCreation(flag);
  }

  @Override
  public boolean getEnableSessionCreation() {
    return delegate.getEnableSessionCreation();
  }

  @Override
  public javax.net.ssl.SSLParameters getSSLParameters() {
    return delegate.getSSLParameters();
  }

  @Override
  public void setSSLParameters(javax.net.ssl.SSLParameters params) {
    delegate.setSSLParameters(params);
  }

  @Override
  public String getApplicationProtocol() {
    return delegate.getApplicationProtocol();
  }

  @Override
  public String getHandshakeApplicationProtocol() {
    return delegate.getHandshakeApplicationProtocol();
  }

  @Override
  public void setHandshakeApplicationProtocolSelector(java.util.function.BiFunction<javax.net.ssl.SSLSocket, java.util.List<String>, String> selector) {
    delegate.setHandshakeApplicationProtocolSelector(selector);
  }

  @Override
  public java.util.function.BiFunction<javax.net.ssl.SSLSocket, java.util.List<String>, String> getHandshakeApplicationProtocolSelector() {
    return delegate.getHandshakeApplicationProtocolSelector();
  }

  @Override
  public void connect(java.net.SocketAddress endpoint) throws java.io.IOException {
    delegate.connect(endpoint);
  }

  @Override
  public void connect(java.net.SocketAddress endpoint, int timeout) throws java.io.IOException {
    delegate.connect(endpoint, timeout);
  }

  @Override
  public void bind(java.net.SocketAddress bindpoint) throws java.io.IOException {
    delegate.bind(bindpoint);
  }

  @Override
  public java.net.InetAddress getInetAddress() {
    return delegate.getInetAddress();
  }

  @Override
  public java.net.InetAddress getLocalAddress() {
    return delegate.getLocalAddress();
  }

  @Override
  public int getPort() {
    return delegate.getPort();
  }

  @Override
  public int getLocalPort() {
    return delegate.getLocalPort();
  }

  @Override
  public java.net.SocketAddress getRemoteSocketAddress() {
    return delegate.getRemoteSocketAddress();
  }

  @Override
  public java.net.SocketAddress getLocalSocketAddress() {
    return delegate.getLocalSocketAddress();
  }

  @Override
  public java.io.OutputStream getOutputStream() throws java.io.IOException {
    java.io.OutputStream out = masking;
    if (out == null) {
      out = new MaskingOutputStream(delegate.getOutputStream(), wire);
      masking = out;
    }
    return out;
  }

  @Override
  public void setTcpNoDelay(boolean on) throws java.net.SocketException {
    delegate.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws java.net.SocketException {
    return delegate.getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws java.net.SocketException {
    delegate.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws java.net.SocketException {
    return delegate.getSoLinger();
  }

  @Override
  public void sendUrgentData(int data) throws java.io.IOException {
    delegate.sendUrgentData(data);
  }

  @Override
  public void setOOBInline(boolean on) throws java.net.SocketException {
    delegate.setOOBInline(on);
  }

  @Override
  public boolean getOOBInline() throws java.net.SocketException {
    return delegate.getOOBInline();
  }

  @Override
  public void setSoTimeout(int timeout) throws java.net.SocketException {
    delegate.setSoTimeout(timeout);
  }

  @Override
  public int getSoTimeout() throws java.net.SocketException {
    return delegate.getSoTimeout();
  }

  @Override
  public void setSendBufferSize(int size) throws java.net.SocketException {
    delegate.setSendBufferSize(size);
  }

  @Override
  public int getSendBufferSize() throws java.net.SocketException {
    return delegate.getSendBufferSize();
  }

  @Override
  public void setReceiveBufferSize(int size) throws java.net.SocketException {
    delegate.setReceiveBufferSize(size);
  }

  @Override
  public int getReceiveBufferSize() throws java.net.SocketException {
    return delegate.getReceiveBufferSize();
  }

  @Override
  public void setKeepAlive(boolean on) throws java.net.SocketException {
    delegate.setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws java.net.SocketException {
    return delegate.getKeepAlive();
  }

  @Override
  public void setTrafficClass(int tc) throws java.net.SocketException {
    delegate.setTrafficClass(tc);
  }

  @Override
  public int getTrafficClass() throws java.net.SocketException {
    return delegate.getTrafficClass();
  }

  @Override
  public void setReuseAddress(boolean on) throws java.net.SocketException {
    delegate.setReuseAddress(on);
  }

  @Override
  public boolean getReuseAddress() throws java.net.SocketException {
    return delegate.getReuseAddress();
  }

  @Override
  public void close() throws java.io.IOException {
    delegate.close();
  }

  @Override
  public void shutdownInput() throws java.io.IOException {
    delegate.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws java.io.IOException {
    delegate.shutdownOutput();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  @Override
  public boolean isConnected() {
    return delegate.isConnected();
  }

  @Override
  public boolean isBound() {
    return delegate.isBound();
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public boolean isInputShutdown() {
    return delegate.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return delegate.isOutputShutdown();
  }

  @Override
  public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
    delegate.setPerformancePreferences(connectionTime, latency, bandwidth);
  }

  @Override
  public java.util.Set<java.net.SocketOption<?>> supportedOptions() {
    return delegate.supportedOptions();
  }
}
