package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports the W3C surface only and uses the transport and every policy. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    ModuleDescriptor d = WebSocket.class.getModule().getDescriptor();
    assertNotNull(d, "the tests run on the module path");
    return d;
  }

  @Test
  void module_exportsOnlyDevDuplex() {
    Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
    assertEquals(Set.of("dev.duplex"), exported);
  }

  @Test
  void module_usesTheTransportAndEveryPolicy() {
    assertEquals(Set.of("dev.duplex.spi.TransportProvider", "dev.duplex.spi.PortBlockingPolicy",
        "dev.duplex.spi.CookieStorePolicy", "dev.duplex.spi.MixedContentPolicy",
        "dev.duplex.spi.BufferLimitPolicy", "dev.duplex.spi.MessageSizePolicy",
        "dev.duplex.spi.HandshakeTimeoutPolicy", "dev.duplex.spi.KeepAlivePolicy",
        "dev.duplex.spi.EventLoopPolicy", "dev.duplex.spi.FailureObserver"), descriptor().uses());
  }
}
