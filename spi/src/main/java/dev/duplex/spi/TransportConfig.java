package dev.duplex.spi;

import java.net.ProxySelector;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * Settings shared by all the connections of one {@link Transport}: TLS, proxy and
 * transport-specific properties.
 *
 * <p>Threading: immutable, safe to share. Build with {@link #builder()}.
 */
public final class TransportConfig {
  private final SSLContext sslContext;
  private final boolean verifyHostname;
  private final ProxySelector proxySelector;
  private final Map<String, String> properties;

  private TransportConfig(Builder b) {
    this.sslContext = b.sslContext;
    this.verifyHostname = b.verifyHostname;
    this.proxySelector = b.proxySelector;
    this.properties = Map.copyOf(b.properties);
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the defaults: JDK default TLS, host-name verification on, no proxy */
  public static TransportConfig defaults() {
    return builder().build();
  }

  /**
   * The TLS context for {@code wss:}; empty means the JDK default ({@code SSLContext.getDefault()}).
   *
   * @return the TLS context
   */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /**
   * Whether the server certificate must match the host name (endpoint identification
   * {@code HTTPS}); true by default, and turning it off is for tests only.
   *
   * @return true to verify
   */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  /**
   * The proxy selector, asked with the URI {@code http://host:port} for {@code ws:} and
   * {@code https://host:port} for {@code wss:}; an HTTP proxy it returns is used through a
   * CONNECT tunnel. Empty means no proxy.
   *
   * @return the proxy selector
   */
  public Optional<ProxySelector> proxySelector() {
    return Optional.ofNullable(proxySelector);
  }

  /**
   * Transport-specific settings, named {@code <transport>.<setting>} (for example
   * {@code nio.selectorThreads}); each transport documents its own and ignores the others.
   *
   * @return the properties
   */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * One transport-specific setting.
   *
   * @param name the setting's full name
   * @return its value, if set
   */
  public Optional<String> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  /** Builder of {@link TransportConfig}. Threading: confined to one thread. */
  public static final class Builder {
    private SSLContext sslContext;
    private boolean verifyHostname = true;
    private ProxySelector proxySelector;
    private final Map<String, String> properties = new TreeMap<>();

    private Builder() {}

    /** @param context TLS context, or null for the JDK default @return this */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /** @param verify host-name verification (default true) @return this */
    public Builder verifyHostname(boolean verify) {
      this.verifyHostname = verify;
      return this;
    }

    /** @param selector proxy selector, or null for no proxy (default) @return this */
    public Builder proxySelector(ProxySelector selector) {
      this.proxySelector = selector;
      return this;
    }

    /** @param name setting name @param value its value @return this */
    public Builder property(String name, String value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** @return the configuration */
    public TransportConfig build() {
      return new TransportConfig(this);
    }
  }
}
