package dev.duplex.bench.driver;

import dev.duplex.bench.client.MessageSink;
import dev.duplex.bench.client.WsClient;
import dev.duplex.bench.client.WsConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A trivial in-memory peer with a known speed: it echoes at most {@code perTick} messages every
 * {@code tickMillis} (a fixed-rate timer, so the average rate is exact), each at the first tick
 * after it was sent.
 *
 * <p>Threading: sends from any thread; echoes arrive on the timer thread.
 */
final class PacedEchoClient implements WsClient {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "paced-echo");
    t.setDaemon(true);
    return t;
  });
  private final int perTick;
  private final long tickMillis;
  private final int closeAfterTicks;

  PacedEchoClient(int perTick, long tickMillis) {
    this(perTick, tickMillis, -1);
  }

  /** A peer that closes each connection after {@code closeAfterTicks} ticks. */
  PacedEchoClient(int perTick, long tickMillis, int closeAfterTicks) {
    this.perTick = perTick;
    this.tickMillis = tickMillis;
    this.closeAfterTicks = closeAfterTicks;
  }

  /** @return the rate this peer echoes at when enough messages are in flight */
  double rate() {
    return perTick * 1000.0 / tickMillis;
  }

  @Override
  public String name() {
    return "paced";
  }

  @Override
  public Kind kind() {
    return Kind.PEER;
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    int[] ticks = {0};
    timer.scheduleAtFixedRate(() -> {
      if (ticks[0]++ == closeAfterTicks) {
        queue.clear();
        sink.onClosed("closed by the test peer");
      }
      if (closeAfterTicks >= 0 && ticks[0] > closeAfterTicks) {
        return;
      }
      // Only what was queued before this tick: echoes sent from inside it wait for the next.
      for (int i = Math.min(perTick, queue.size()); i > 0; i--) {
        sink.onMessage(queue.poll());
      }
    }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    return CompletableFuture.completedFuture(new WsConnection() {
      @Override
      public void send(ByteBuffer payload) {
        queue.add(payload.remaining());
      }

      @Override
      public void close() {
        queue.clear();
      }
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
