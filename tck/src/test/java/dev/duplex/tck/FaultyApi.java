package dev.duplex.tck;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.spi.PortBlockingPolicy;
import dev.duplex.spi.TransportProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The real api with one {@link ApiFault}: contexts are built with the fault's policy (or its
 * transport tap), URLs and protocols are bent before the real {@code open} sees them, and every
 * socket is a {@link FaultyWebSocket} around the real one.
 *
 * <p>Threading: one instance per test (it holds that test's {@link LateMessages}); thread-safe.
 */
final class FaultyApi implements ApiSeam {
  private final ApiFault fault;
  private final LateMessages late = new LateMessages();

  FaultyApi(ApiFault fault) {
    this.fault = fault;
  }

  @Override
  public WebSocketContext build(WebSocketContext.Builder builder, TransportProvider provider) {
    switch (fault) {
      case BLOCK_NO_PORT -> builder.portBlocking(PortBlockingPolicy.none());
      case ALLOW_MIXED_CONTENT -> builder.mixedContent((origin, target) -> false);
      case NO_BUFFER_LIMIT -> builder.bufferLimit(BufferLimitPolicy.of(Long.MAX_VALUE));
      case DISPATCH_MESSAGES_AFTER_CLOSE -> builder.transport(late.tap(provider));
      default -> {
        // the fault is in the sockets
      }
    }
    return builder.build();
  }

  @Override
  public WebSocket open(WebSocketContext context, String url, List<String> protocols,
      Consumer<? super WebSocket> init) {
    int hash = url.indexOf('#');
    String target = fault == ApiFault.IGNORE_URL_FRAGMENT && hash >= 0 ? url.substring(0, hash) : url;
    List<String> offered = fault == ApiFault.MERGE_DUPLICATE_PROTOCOLS ? protocols.stream().distinct().toList() : protocols;
    AtomicReference<FaultyWebSocket> socket = new AtomicReference<>();
    context.open(target, offered, real -> {
      socket.set(new FaultyWebSocket(real, fault, late));
      init.accept(socket.get());
    });
    return socket.get();
  }
}
