package dev.duplex.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.duplex.WebSocketContext;
import dev.duplex.guice.DuplexKeys;
import dev.duplex.guice.DuplexLifecycle;
import dev.duplex.guice.DuplexModule;
import dev.duplex.spi.HandshakeTimeoutPolicy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Guice-wired service whose transport changes per environment while its code stays the same:
 * it only ever sees the injected {@link WebSocketContext}.
 *
 * <ul>
 *   <li>{@code dev}: {@link DuplexModule} as is: the transport named by {@code -Dduplex.transport},
 *       else by {@code DUPLEX_TRANSPORT}, else the highest priority on the class path (nio);
 *   <li>{@code ci}: OkHttp, by a binding override, and a 5 s handshake timeout.
 * </ul>
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.duplex.examples.GreetingService
 * -Dexec.args="ci ws://127.0.0.1:8025/echo"}.
 *
 * <p>Threading: {@link #greet} from any thread.
 */
public final class GreetingService {
  private final WebSocketContext context;

  /** @param context the injected context */
  @Inject
  public GreetingService(WebSocketContext context) {
    this.context = context;
  }

  /**
   * The application's modules for an environment.
   *
   * @param environment {@code "dev"} or {@code "ci"}
   * @return the modules to create the injector with
   */
  public static Module forEnvironment(String environment) {
    return switch (environment) {
      case "dev" -> new DuplexModule();
      case "ci" -> Modules.override(new DuplexModule()).with(binder -> {
        binder.bind(DuplexKeys.TRANSPORT).toInstance("okhttp");
        binder.bind(DuplexKeys.HANDSHAKE_TIMEOUT)
            .toInstance(HandshakeTimeoutPolicy.of(Duration.ofSeconds(5)));
      });
      default -> throw new IllegalArgumentException(
          "Unknown environment \"" + environment + "\"; expected dev or ci.");
    };
  }

  /** @return the name of the transport this environment uses */
  public String transport() {
    return context.transportName();
  }

  /**
   * @param url an echo server
   * @param name who to greet
   * @return the server's echo of the greeting
   */
  public CompletableFuture<String> greet(String url, String name) {
    return EchoClient.echo(context, url, "hello, " + name);
  }

  /**
   * @param args the environment (default {@code dev}) and the echo server's URL
   * @throws Exception if the greeting does not come back within 10 s
   */
  public static void main(String[] args) throws Exception {
    String environment = args.length > 0 ? args[0] : "dev";
    String url = args.length > 1 ? args[1] : "ws://127.0.0.1:8025/echo";
    Injector injector = Guice.createInjector(forEnvironment(environment));
    DuplexLifecycle lifecycle = injector.getInstance(DuplexLifecycle.class);
    Runtime.getRuntime().addShutdownHook(new Thread(lifecycle::close));
    try {
      GreetingService service = injector.getInstance(GreetingService.class);
      System.out.println("transport: " + service.transport());
      System.out.println(service.greet(url, "Duplex").get(10, TimeUnit.SECONDS));
    } finally {
      lifecycle.close();
    }
  }
}
