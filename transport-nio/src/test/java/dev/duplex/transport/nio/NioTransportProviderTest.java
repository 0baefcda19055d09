package dev.duplex.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.TransportProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider's registration and claims. */
class NioTransportProviderTest {

  @Test
  void serviceLoader_findsNioWithPriority100() {
    TransportProvider nio = ServiceLoader.load(TransportProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("nio")).findFirst()
        .orElse(null);
    assertNotNull(nio, "META-INF/services registers the nio provider");
    assertEquals(100, nio.priority());
    assertEquals(EnumSet.allOf(Capability.class), nio.capabilities());
    assertTrue(nio.knownDeviations().isEmpty());
  }

  @Test
  void moduleInfo_providesTheTransportProvider() throws Exception {
    // The classes' own location: on the class path, "/module-info.class" may name another's.
    Path classes = Path.of(NioTransportProvider.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertEquals("dev.duplex.transport.nio", module.name());
      ModuleDescriptor.Provides provides = module.provides().stream()
          .filter(p -> p.service().equals(TransportProvider.class.getName())).findFirst()
          .orElseThrow();
      assertEquals(List.of(NioTransportProvider.class.getName()), provides.providers());
      assertTrue(module.exports().stream().allMatch(e -> e.source().equals("dev.duplex.transport.nio")),
          "only the public package is exported, never .internal");
    }
  }
}
