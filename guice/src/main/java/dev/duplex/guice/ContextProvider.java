package dev.duplex.guice;

import dev.duplex.WebSocketContext;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * Builds the injected {@link WebSocketContext} from the bound settings, choosing its transport
 * with {@link TransportResolver}, and hands it to the {@link DuplexLifecycle}. Bound as an eager
 * singleton, so a missing or unknown transport fails the injector's creation.
 *
 * <p>Threading: called once, by Guice, on the thread creating the injector.
 */
final class ContextProvider implements Provider<WebSocketContext> {
  private static final System.Logger LOG = System.getLogger("dev.duplex");

  private final BoundSettings settings;
  private final DuplexLifecycle lifecycle;

  @Inject
  ContextProvider(BoundSettings settings, DuplexLifecycle lifecycle) {
    this.settings = settings;
    this.lifecycle = lifecycle;
  }

  @Override
  public WebSocketContext get() {
    TransportResolver.Resolution choice = TransportResolver.resolve(
        settings.transportProvider, settings.transport,
        System.getProperty(DuplexModule.SYSTEM_PROPERTY),
        System.getenv(DuplexModule.ENVIRONMENT_VARIABLE),
        TransportResolver.onClassPath());
    LOG.log(System.Logger.Level.DEBUG, "The injected WebSocketContext uses the transport "
        + "\"{0}\" ({1}).", choice.provider().name(), choice.reason());
    WebSocketContext context =
        settings.applyTo(WebSocketContext.builder()).transport(choice.provider()).build();
    lifecycle.register(context);
    return context;
  }
}
