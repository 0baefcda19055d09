package dev.duplex.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2's WebSocket client ({@code netty-codec-http}) on one NIO event loop, used the way
 * Netty is meant to be used: writes made while reading are flushed once per read burst.
 *
 * <p>Threading: thread-safe.
 */
public final class NettyClient extends NamedClient {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  /** A client on one NIO event loop. */
  public NettyClient() {
    super("netty", Kind.PEER);
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    CompletableFuture<WsConnection> opened = new CompletableFuture<>();
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri).maxFramePayloadLength(64 << 20).allowExtensions(false)
        .handshakeTimeoutMillis(30_000).build();
    Handler handler = new Handler(sink, opened);
    new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                new WebSocketClientProtocolHandler(config), handler);
          }
        })
        .connect(uri.getHost(), uri.getPort())
        .addListener(f -> {
          if (!f.isSuccess()) {
            opened.completeExceptionally(f.cause());
          }
        });
    return opened;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Counts whole messages; flushes what the sink wrote during a read burst. */
  private static final class Handler extends ChannelInboundHandlerAdapter implements WsConnection {
    private final MessageSink sink;
    private final CompletableFuture<WsConnection> opened;
    private Channel channel;
    private int partial;
    private boolean flushNeeded;

    Handler(MessageSink sink, CompletableFuture<WsConnection> opened) {
      this.sink = sink;
      this.opened = opened;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        channel = ctx.channel();
        opened.complete(this);
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        opened.completeExceptionally(new IOException("Netty's handshake timed out"));
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
        WebSocketFrame frame = (WebSocketFrame) msg;
        partial += frame.content().readableBytes();
        boolean last = frame.isFinalFragment();
        frame.release();
        if (last) {
          int n = partial;
          partial = 0;
          sink.onMessage(n);
        }
      } else {
        ctx.fireChannelRead(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (flushNeeded) {
        flushNeeded = false;
        ctx.flush();
      }
      ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      opened.completeExceptionally(new IOException("closed before the handshake completed"));
      sink.onClosed("the channel closed");
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      opened.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void send(ByteBuffer payload) {
      // Netty's way: a buffer from the channel's allocator, released by the encoder once masked
      // (a shared wrapped or duplicated buffer costs Netty's masking loop a reference check per
      // eight bytes, which more than doubled the CPU per 1 MiB message).
      ByteBuf content = channel.alloc().buffer(payload.remaining()).writeBytes(payload.duplicate());
      BinaryWebSocketFrame frame = new BinaryWebSocketFrame(content);
      if (channel.eventLoop().inEventLoop()) {
        channel.write(frame);
        flushNeeded = true;
      } else {
        channel.writeAndFlush(frame);
      }
    }

    @Override
    public void close() {
      channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
    }
  }
}
