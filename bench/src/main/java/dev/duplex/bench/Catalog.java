package dev.duplex.bench;

import dev.duplex.bench.client.DuplexApiClient;
import dev.duplex.bench.client.DuplexSpiClient;
import dev.duplex.bench.client.JdkClient;
import dev.duplex.bench.client.JettyClient;
import dev.duplex.bench.client.NettyClient;
import dev.duplex.bench.client.OkHttpClientRow;
import dev.duplex.bench.driver.Driver;
import dev.duplex.bench.driver.RawTcpDriver;
import dev.duplex.bench.driver.Target;
import dev.duplex.bench.driver.WsDriver;
import dev.duplex.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The rows a run measures: the raw-TCP ceiling, the peers used directly, and every Duplex
 * transport that {@link ServiceLoader} finds, each through the W3C API ({@code api:NAME}) and
 * through its spi ({@code spi:NAME}).
 *
 * <p>Threading: stateless.
 */
public final class Catalog {
  /** The rows that need no Duplex transport, in report order. */
  public static final List<String> PEERS = List.of("raw-tcp", "jdk", "jetty", "okhttp", "netty");
  /** The transports this repository ships, measured first and reported missing if absent. */
  public static final List<String> OWN_TRANSPORTS = List.of("nio", "jetty", "okhttp");

  private Catalog() {}

  /**
   * The transports found on the class path and the ones that could not be loaded.
   *
   * @param ids the rows to run, in order
   * @param skipped row id to the reason it is skipped
   */
  public record Discovery(List<String> ids, Map<String, String> skipped) {}

  /** @return every row to measure, and the reasons for the ones that cannot be */
  public static Discovery discover() {
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, TransportProvider> found = new TreeMap<>();
    Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        TransportProvider p = it.next();
        found.put(p.name(), p);
      } catch (ServiceConfigurationError e) {
        skipped.put("transport?", "a TransportProvider failed to load: " + e.getMessage());
      }
    }
    List<String> names = new ArrayList<>();
    for (String own : OWN_TRANSPORTS) {
      if (found.containsKey(own)) {
        names.add(own);
      } else {
        String why = "transport '" + own + "' was not found by ServiceLoader (is duplex-transport-"
            + own + " built and does it register META-INF/services/dev.duplex.spi.TransportProvider?)";
        skipped.put("api:" + own, why);
        skipped.put("spi:" + own, why);
      }
    }
    for (String other : found.keySet()) {
      if (!OWN_TRANSPORTS.contains(other)) {
        names.add(other);
      }
    }
    List<String> ids = new ArrayList<>(PEERS);
    for (String n : names) {
      ids.add("api:" + n);
      ids.add("spi:" + n);
    }
    return new Discovery(ids, skipped);
  }

  /**
   * @param id a row id, e.g. {@code jdk} or {@code api:nio}
   * @return the report name of that row, e.g. {@code jdk} or {@code nio (api)}
   */
  public static String rowName(String id) {
    if (id.startsWith("api:")) {
      return id.substring(4) + " (api)";
    }
    if (id.startsWith("spi:")) {
      return id.substring(4) + " (spi)";
    }
    return id;
  }

  /**
   * @param id a row id
   * @return the group name of that row
   */
  public static String kind(String id) {
    if (id.startsWith("api:")) {
      return "duplex_api";
    }
    if (id.startsWith("spi:")) {
      return "duplex_spi";
    }
    return id.equals("raw-tcp") ? "ceiling" : "peer";
  }

  /**
   * Creates the driver of a row.
   *
   * @param id the row id
   * @param plan what to run
   * @param target the server
   * @return the driver, owning its client
   */
  public static Driver driver(String id, Plan plan, Target target) {
    switch (id) {
      case "raw-tcp":
        return new RawTcpDriver(plan, target);
      case "jdk":
        return new WsDriver(plan, target, new JdkClient());
      case "jetty":
        return new WsDriver(plan, target, new JettyClient());
      case "okhttp":
        return new WsDriver(plan, target, new OkHttpClientRow());
      case "netty":
        return new WsDriver(plan, target, new NettyClient());
      default:
        break;
    }
    if (id.startsWith("api:")) {
      return new WsDriver(plan, target, new DuplexApiClient(id.substring(4)));
    }
    if (id.startsWith("spi:")) {
      String name = id.substring(4);
      for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
        if (p.name().equals(name)) {
          return new WsDriver(plan, target, new DuplexSpiClient(p));
        }
      }
      throw new IllegalArgumentException("No transport named " + name + " on the class path");
    }
    throw new IllegalArgumentException("No such row: " + id);
  }
}
