/**
 * The Duplex technology compatibility kit (TCK): clause-by-clause JUnit 5 tests that any
 * {@link dev.duplex.spi.TransportProvider} must pass, with the servers they need.
 *
 * <h2>Certifying a transport</h2>
 *
 * <p>Add {@code dev.duplex:duplex-tck} as a test dependency and write one class:
 *
 * <pre>{@code
 * class MyTransportVerificationTest extends TransportVerification {
 *   @Override protected TransportProvider provider() { return new MyTransportProvider(); }
 * }
 * }</pre>
 *
 * <p>or, without writing a class, run {@link dev.duplex.tck.ServiceLoaderVerification} with
 * {@code -Dduplex.tck.transport=NAME} (Surefire: {@code <dependenciesToScan>dev.duplex:duplex-tck
 * </dependenciesToScan>} and {@code -Dtest=ServiceLoaderVerification}), or print the report with
 * {@link dev.duplex.tck.report.Certification} ({@code --transport NAME}).
 *
 * <h2>How to read a result</h2>
 *
 * <ul>
 *   <li>Each test is named after its clause ({@code required_rfc6455_5_1_failsOnMaskedServerFrame},
 *       {@code optional_rfc7692_...}) and carries {@link dev.duplex.tck.Clause} with the reference
 *       and a one-sentence summary; its javadoc says what it verifies.
 *   <li>Optional clauses run only where the provider claims the
 *       {@link dev.duplex.spi.Capability}; otherwise they are aborted "not claimed". A required
 *       capability the provider declares in {@code knownDeviations()} aborts its clauses with
 *       "known deviation: reason". Neither is ever reported as a pass.
 *   <li>Failure messages are sentences quoting what the fixture saw on the wire (frames, request
 *       headers) or the callbacks the transport made, in order.
 * </ul>
 *
 * <h2>What the kit brings</h2>
 *
 * <p>{@link dev.duplex.tck.fixture.FixtureServer} (raw TCP, scripted byte by byte, recording what
 * the client sends), {@link dev.duplex.tck.fixture.JettyServer} (a real Jetty 12 server for the
 * well-behaved paths, plain or TLS with a certificate from
 * {@link dev.duplex.tck.fixture.TlsMaterial}) and {@link dev.duplex.tck.fixture.ConnectProxy}. All
 * listen on loopback and ephemeral ports and are closed after each test; every wait is bounded
 * by {@link dev.duplex.tck.Timeouts}.
 *
 * <p>Threading: see each type; tests may run concurrently (JUnit's parallel mode), each with its
 * own servers.
 */
package dev.duplex.tck;
