package dev.duplex.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one server of a benchmark run: a Netty 4.2 (NIO) WebSocket echo server plus raw-TCP
 * servers built on the same framework, so that raw TCP through it shows the server is not the
 * limit. Netty's handshaker checks every client's opening handshake; the echo itself then runs
 * cut-through ({@link CutThroughEcho}), so that it costs about what the raw-TCP echo costs
 * whatever the message size. Runs in its own JVM (started by {@link ServerProcess}) so that
 * client heap and thread measurements never include it.
 *
 * <p>Ports (each bound on every loopback address {@code 127.0.0.1..127.0.0.N}, loopback only):
 * <ul>
 *   <li>ws: WebSocket on any path, upgraded by Netty's handshaker. Path {@code /stream}: a
 *       12-byte binary command (count: long, size: int) makes the server send {@code count}
 *       binary messages of {@code size} bytes, as fast as the socket takes them (through
 *       Netty's frame codec). Any other path echoes every frame as it came, fragments included,
 *       through a {@link CutThroughEcho} that forwards each payload as it arrives.
 *   <li>tcp: raw TCP echo.
 *   <li>tcpStream: raw TCP; the client sends an 8-byte count and the server sends that many bytes.
 * </ul>
 *
 * <p>Prints {@code READY ws=<port> tcp=<port> tcpStream=<port>} on standard output when bound.
 * Answers each line {@code COUNT} on standard input with {@code OPEN ws=<n> tcp=<n>}: the
 * WebSocket connections whose handshake completed and the raw-TCP echo connections, open now.
 * Exits when its standard input closes (the harness died or finished).
 *
 * <p>Threading: {@link #main} only; the handlers run on Netty's event loops (the counts are
 * atomic).
 */
public final class EchoServer {
  /** Largest WebSocket frame the stream path accepts (its commands are 12 bytes). */
  static final int MAX_FRAME = 64 << 20;
  /** The command that asks for the open connections. */
  static final String COUNT = "COUNT";
  /** The start of the answer: {@code OPEN ws=<n> tcp=<n>}. */
  static final String OPEN = "OPEN ";
  private static final AtomicInteger WS_OPEN = new AtomicInteger();
  private static final AtomicInteger TCP_OPEN = new AtomicInteger();

  private EchoServer() {}

  /**
   * Starts the server.
   *
   * @param args {@code [threads] [loopbackAddresses]}; defaults 2 and 64
   * @throws Exception if it cannot bind
   */
  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int addresses = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    try {
      int ws = bindEverywhere(group, addresses, 0, new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
              .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(MAX_FRAME)
              .allowExtensions(false).handshakeTimeoutMillis(30_000).build();
          ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
              new WebSocketServerProtocolHandler(config), new WsEchoHandler());
        }
      });
      int tcp = bindEverywhere(group, addresses, 0, new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(new TcpEchoHandler());
        }
      });
      int tcpStream = bindEverywhere(group, addresses, 0, new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(new TcpStreamHandler());
        }
      });
      System.out.println("READY ws=" + ws + " tcp=" + tcp + " tcpStream=" + tcpStream);
      System.out.flush();
      // The harness holds our stdin; when it goes away, so do we.
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals(COUNT)) {
          System.out.println(OPEN + "ws=" + WS_OPEN.get() + " tcp=" + TCP_OPEN.get());
          System.out.flush();
        }
      }
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Binds one server on the same port on 127.0.0.1..127.0.0.n; returns the port. */
  private static int bindEverywhere(EventLoopGroup group, int n, int port0,
      ChannelInitializer<SocketChannel> init) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096).option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true).childHandler(init);
    List<Channel> bound = new ArrayList<>();
    Channel first = b.bind(new InetSocketAddress("127.0.0.1", port0)).sync().channel();
    bound.add(first);
    int port = ((InetSocketAddress) first.localAddress()).getPort();
    for (int i = 2; i <= n; i++) {
      bound.add(b.bind(new InetSocketAddress("127.0.0." + i, port)).sync().channel());
    }
    return port;
  }

  /**
   * Once Netty's handshaker has upgraded the connection: on {@code /stream}, answers commands
   * with a stream through Netty's frame codec; on any other path, hands the channel to a
   * {@link CutThroughEcho} in place of the codec.
   */
  static final class WsEchoHandler extends FlushingHandler {
    private ByteBuf payload;
    private long remaining;
    private boolean counted;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        if (!((WebSocketServerProtocolHandler.HandshakeComplete) evt).requestUri()
            .startsWith("/stream")) {
          CutThroughEcho.install(ctx.pipeline(), WS_OPEN);
          return;
        }
        counted = true;
        WS_OPEN.incrementAndGet();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (counted) {
        counted = false;
        WS_OPEN.decrementAndGet();
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof WebSocketFrame)) {
        ctx.fireChannelRead(msg);
        return;
      }
      WebSocketFrame frame = (WebSocketFrame) msg;
      try {
        ByteBuf c = frame.content();
        if (c.readableBytes() == 12) {
          remaining += c.readLong();
          int size = c.readInt();
          if (payload == null || payload.capacity() != size) {
            payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size).writeZero(size));
          }
          pump(ctx);
        }
      } finally {
        frame.release();
      }
    }

    private void pump(ChannelHandlerContext ctx) {
      while (remaining > 0 && ctx.channel().isWritable()) {
        remaining--;
        ctx.write(new BinaryWebSocketFrame(payload.duplicate()));
      }
      ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        pump(ctx);
      }
      ctx.fireChannelWritabilityChanged();
    }

  }

  /** Flushes once per read burst and closes the connection on any error. */
  abstract static class FlushingHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Raw TCP echo: writes back what it reads. */
  static final class TcpEchoHandler extends FlushingHandler {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      TCP_OPEN.incrementAndGet();
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      TCP_OPEN.decrementAndGet();
      ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }
  }

  /** Raw TCP stream: reads 8-byte counts and sends that many zero bytes per count. */
  static final class TcpStreamHandler extends FlushingHandler {
    private static final ByteBuf CHUNK =
        Unpooled.unreleasableBuffer(Unpooled.directBuffer(65536).writeZero(65536));
    private final ByteBuf pending = Unpooled.buffer(8);
    private long remaining;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        while (in.isReadable()) {
          pending.writeByte(in.readByte());
          if (pending.readableBytes() == 8) {
            remaining += pending.readLong();
            pending.clear();
          }
        }
      } finally {
        in.release();
      }
      pump(ctx);
    }

    private void pump(ChannelHandlerContext ctx) {
      while (remaining > 0 && ctx.channel().isWritable()) {
        int n = (int) Math.min(remaining, CHUNK.capacity());
        remaining -= n;
        ctx.write(CHUNK.duplicate().writerIndex(n));
      }
      ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        pump(ctx);
      }
    }
  }
}
