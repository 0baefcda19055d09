package dev.duplex.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import dev.duplex.WebSocketContext;

/**
 * Guice wiring of Duplex: binds a singleton {@link WebSocketContext}, built when the injector is
 * created, and a {@link DuplexLifecycle} whose {@link DuplexLifecycle#close() close()} the
 * application calls when it shuts down.
 *
 * <h2>Configuration</h2>
 * Every setting is a key of {@link DuplexKeys}, declared with an {@link OptionalBinder} and unbound
 * by default, so that {@code duplex-api}'s defaults apply (a policy found with
 * {@link java.util.ServiceLoader}, else the spi's default). Bind a key to override it: directly
 * ({@code bind(DuplexKeys.ORIGIN).toInstance("https://app.example")}), through
 * {@code OptionalBinder.newOptionalBinder(binder(), key).setBinding()}, or per environment with
 * {@code Modules.override(...)}.
 *
 * <h2>Choosing the transport</h2>
 * First match wins:
 * <ol>
 *   <li>a binding: {@link DuplexKeys#TRANSPORT_PROVIDER} (an instance), else
 *       {@link DuplexKeys#TRANSPORT} (a name such as {@code "jetty"});
 *   <li>the system property {@value #SYSTEM_PROPERTY} ({@code -Dduplex.transport=okhttp});
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};
 *   <li>the transport on the class path with the highest
 *       {@link dev.duplex.spi.TransportProvider#priority() priority} ({@code nio}: 100,
 *       {@code jetty}: 50, {@code okhttp}: 40).
 * </ol>
 * A name matches a provider's {@link dev.duplex.spi.TransportProvider#name() name} ignoring
 * surrounding blanks and ASCII case only ({@code "NIO"} is {@code nio} in any locale), as
 * {@code duplex-api} matches a name. A name that matches no transport on the class path, or no transport at all, fails
 * {@code Guice.createInjector} with a {@link com.google.inject.CreationException} whose message
 * says who named the transport and lists the transports on the class path.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new DuplexModule(), new AbstractModule() {
 *   @Override protected void configure() {
 *     bind(DuplexKeys.ORIGIN).toInstance("https://app.example");
 *     bind(DuplexKeys.BUFFER_LIMIT).toInstance(BufferLimitPolicy.of(8 << 20));
 *   }
 * });
 * WebSocketContext context = injector.getInstance(WebSocketContext.class);
 * ...
 * injector.getInstance(DuplexLifecycle.class).close();
 * }</pre>
 *
 * <p>Install the module once per injector. Threading: Guice calls {@link #configure()} once.
 */
public final class DuplexModule extends AbstractModule {
  /** The system property naming the transport, as for {@code duplex-api}. */
  public static final String SYSTEM_PROPERTY = "duplex.transport";
  /** The environment variable naming the transport. */
  public static final String ENVIRONMENT_VARIABLE = "DUPLEX_TRANSPORT";
  /** The injected context's name unless {@link DuplexKeys#CONTEXT_NAME} is bound. */
  public static final String DEFAULT_CONTEXT_NAME = "duplex-guice";

  /** Creates the module. */
  public DuplexModule() {}

  @Override
  protected void configure() {
    for (Key<?> key : DuplexKeys.ALL) {
      OptionalBinder.newOptionalBinder(binder(), key);
    }
    bind(DuplexLifecycle.class);
    bind(WebSocketContext.class).toProvider(ContextProvider.class).asEagerSingleton();
  }
}
