package dev.duplex.tck;

import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.clauses.KeepAlive;
import dev.duplex.tck.clauses.Limits;
import dev.duplex.tck.clauses.Proxy;
import dev.duplex.tck.clauses.Rfc6455Closing;
import dev.duplex.tck.clauses.Rfc6455Framing;
import dev.duplex.tck.clauses.Rfc6455Handshake;
import dev.duplex.tck.clauses.Rfc6455JettyInterop;
import dev.duplex.tck.clauses.Rfc6455Messages;
import dev.duplex.tck.clauses.Rfc6455PingPong;
import dev.duplex.tck.clauses.Rfc6455Utf8;
import dev.duplex.tck.clauses.Rfc7692Deflate;
import dev.duplex.tck.clauses.Tls;
import dev.duplex.tck.clauses.W3cSection4Close;
import dev.duplex.tck.clauses.W3cSection4Constructor;
import dev.duplex.tck.clauses.W3cSection4Send;
import dev.duplex.tck.clauses.W3cSection5Feedback;
import dev.duplex.tck.clauses.W3cSection9Lifetime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plug-in point of the TCK: extend it with one short class and JUnit runs the whole kit
 * against your transport.
 *
 * <pre>{@code
 * class NioTransportVerificationTest extends TransportVerification {
 *   protected TransportProvider provider() { return new NioTransportProvider(); }
 * }
 * }</pre>
 *
 * <p>Each test names the clause it proves ({@link Clause}); {@link ClauseExtension} aborts, never
 * passes, the tests of optional capabilities the provider does not claim ("not claimed") and of
 * required capabilities it declares as {@linkplain TransportProvider#knownDeviations() known
 * deviations}. Tests start their own servers on loopback and close them afterwards.
 *
 * <p>Every clause bounds its own waits (a few seconds); as a last resort each test is also cut off
 * after {@value #HARD_LIMIT_SECONDS} s on a separate thread, so a transport that blocks forever
 * fails instead of hanging the build.
 *
 * <p>Threading: JUnit creates one instance per test; the test body runs on a thread of its own
 * (the hard limit), the lifecycle methods on JUnit's. The clauses are independent and may run
 * concurrently (JUnit's parallel mode).
 */
@ExtendWith(ClauseExtension.class)
@Timeout(value = TransportVerification.HARD_LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class TransportVerification
    implements W3cSection4Constructor, W3cSection4Close, W3cSection4Send, W3cSection5Feedback,
        W3cSection9Lifetime, Rfc6455Handshake, Rfc6455Framing, Rfc6455Messages, Rfc6455PingPong, Rfc6455Utf8,
        Rfc6455Closing, Rfc6455JettyInterop, Rfc7692Deflate, Tls, Proxy, KeepAlive, Limits {

  /** The hard limit of one test, in seconds. */
  public static final long HARD_LIMIT_SECONDS = 60;

  private volatile TransportProvider provider;
  private volatile Kit kit;

  /** For subclasses. */
  protected TransportVerification() {}

  /**
   * The provider under test. Called once per test.
   *
   * @return the provider
   */
  protected abstract TransportProvider provider();

  /**
   * Adjusts the {@link TransportConfig} of every transport the kit creates, for example to set a
   * transport-specific property. The kit sets TLS and proxy settings itself where a clause needs
   * them, on top of what this returns.
   *
   * @param builder defaults
   * @return the builder to use
   */
  protected TransportConfig.Builder config(TransportConfig.Builder builder) {
    return builder;
  }

  /**
   * The provider under test, created once per test instance.
   *
   * @return the provider
   */
  public final TransportProvider providerUnderTest() {
    if (provider == null) {
      provider = provider();
      if (provider == null) {
        throw new IllegalStateException(getClass().getName() + ".provider() returned null");
      }
    }
    return provider;
  }

  @Override
  public final Kit kit() {
    if (kit == null) {
      throw new IllegalStateException("The kit exists only while a test runs");
    }
    return kit;
  }

  /**
   * The api the W3C clauses run on: the api as it is. Only the kit's own self-test overrides this
   * (it is package-private, so no vendor can), to run the clauses over a deliberately broken api.
   *
   * @return how the kit builds contexts and opens sockets; called once per test
   */
  ApiSeam api() {
    return ApiSeam.DIRECT;
  }

  /** Creates the test's resources holder. */
  @BeforeEach
  final void openKit() {
    kit = new Kit(providerUnderTest(), this::config, api());
  }

  /** Releases every server, transport and client of the test. */
  @AfterEach
  final void closeKit() {
    Kit k = kit;
    kit = null;
    if (k != null) {
      k.close();
    }
  }
}
