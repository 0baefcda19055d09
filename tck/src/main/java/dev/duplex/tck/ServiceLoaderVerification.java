package dev.duplex.tck;

import dev.duplex.spi.TransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The kit against the provider named by the system property {@value #PROPERTY}, found with
 * {@link ServiceLoader}: run it with
 * {@code -Dduplex.tck.transport=NAME} and a selector for this class (or through
 * {@link dev.duplex.tck.report.Certification}), without writing a class.
 *
 * <p>Threading: as {@link TransportVerification}.
 */
public class ServiceLoaderVerification extends TransportVerification {

  /** The system property naming the transport to verify. */
  public static final String PROPERTY = "duplex.tck.transport";

  /** Created by JUnit. */
  public ServiceLoaderVerification() {}

  @Override
  protected TransportProvider provider() {
    String name = System.getProperty(PROPERTY);
    if (name == null || name.isBlank()) {
      throw new IllegalStateException("Set -D" + PROPERTY + "=NAME to the transport to verify");
    }
    return find(name);
  }

  /**
   * Finds a provider by {@link TransportProvider#name()}.
   *
   * @param name the name
   * @return the provider
   * @throws IllegalStateException naming what was found if none matches
   */
  public static TransportProvider find(String name) {
    List<String> found = new ArrayList<>();
    ServiceLoader<TransportProvider> loader = ServiceLoader.load(TransportProvider.class);
    var it = loader.iterator();
    while (true) {
      TransportProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        found.add("(a provider that failed to load: " + e.getMessage() + ")");
        continue;
      }
      if (p.name().equals(name)) {
        return p;
      }
      found.add(p.name());
    }
    throw new IllegalStateException("No TransportProvider named '" + name + "' on the class path; found " + found);
  }
}
