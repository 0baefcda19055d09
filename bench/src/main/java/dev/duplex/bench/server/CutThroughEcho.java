package dev.duplex.bench.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket echo (RFC 6455) of a connection that Netty's handshaker has upgraded: a
 * cut-through relay that replaces Netty's frame decoder and encoder on the channel. It parses
 * each client frame's header as its bytes arrive and forwards the payload as it arrives,
 * unmasked in place a long at a time, behind a server header with the same FIN bit, opcode and
 * length (unmasked, as a server must send). It aggregates nothing and copies no payload: a data
 * frame's bytes leave in the buffers they came in (the server header is written over the client
 * header's mask key when the whole header came in the same read), so the echo costs about what
 * the raw-TCP echo costs, plus the unmasking.
 *
 * <p>The rest of the protocol, for what the bench clients do: fragmented messages are echoed
 * frame by frame (continuations checked against the message in progress); text is validated as
 * UTF-8 as it passes; a ping is answered with a pong carrying its payload and a pong is dropped
 * (control payloads, at most 125 bytes, are the only bytes it holds); a client Close is answered
 * with a Close echoing its status code, then the server closes TCP. A protocol error (reserved
 * bits or opcodes, an unmasked frame, a fragmented or oversized control frame, a continuation
 * without a message or a message inside another, a length not in its shortest form or with the
 * top bit set, a malformed Close) is answered with a Close 1002 and the TCP close; text that is
 * not UTF-8 with a Close 1007, or with the TCP close alone when the bad byte is in the middle of
 * a frame whose header has already been echoed. A frame as long as its header says that never
 * ends just keeps the connection waiting: nothing of it is held.
 *
 * <p>Threading: confined to the channel's event loop, as Netty calls every handler;
 * {@link #install} from a handler of the channel, on that loop.
 */
final class CutThroughEcho extends EchoServer.FlushingHandler {
  /** The handler's name in the pipeline. */
  static final String NAME = "cut-through-echo";

  private static final int CONTINUATION = 0x0;
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private static final int FIN = 0x80;
  private static final int MAX_CONTROL = 125;
  private static final int PROTOCOL_ERROR = 1002;
  private static final int NOT_UTF8 = 1007;

  private enum State { HEADER, DATA, CONTROL, CLOSED }

  private final AtomicInteger open;
  private final byte[] header = new byte[14];
  private final byte[] control = new byte[MAX_CONTROL];
  private final Utf8Check utf8 = new Utf8Check();
  private State state = State.HEADER;
  /** Header bytes received of the frame being parsed. */
  private int have;
  /** Where the header began in the buffer being read, -1 if it began in an earlier one. */
  private int headerStart = -1;
  /** The current frame's first byte (FIN, RSV, opcode). */
  private int first;
  /** Payload bytes of the current frame not yet received. */
  private long remaining;
  /** The mask key, rotated so that its top byte unmasks the next payload byte. */
  private int key;
  /** Control payload bytes received, and expected. */
  private int controlHave;
  private int controlLength;
  /** A data message has begun and its final frame has not. */
  private boolean inMessage;
  /** The message in progress is text. */
  private boolean text;
  private boolean counted;

  /**
   * @param open the count of open WebSocket connections, raised while this one is open
   */
  CutThroughEcho(AtomicInteger open) {
    this.open = open;
  }

  /**
   * Replaces every handler of an upgraded WebSocket channel (Netty's frame codec, its protocol
   * handler and the caller) with a cut-through echo. Called when the handshake has completed,
   * before anything else is read, so no frame has been decoded yet (should the frame decoder
   * hold bytes, removing it passes them on to the echo).
   *
   * @param pipeline the channel's pipeline
   * @param open the count of open WebSocket connections
   */
  static void install(ChannelPipeline pipeline, AtomicInteger open) {
    pipeline.addLast(NAME, new CutThroughEcho(open));
    for (String name : new ArrayList<>(pipeline.toMap().keySet())) {
      if (!name.equals(NAME)) {
        pipeline.remove(name);
      }
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      counted = true;
      open.incrementAndGet();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (counted) {
      counted = false;
      open.decrementAndGet();
    }
    state = State.CLOSED;
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ByteBuf in = (ByteBuf) msg;
    try {
      while (in.isReadable() && state != State.CLOSED) {
        switch (state) {
          case HEADER:
            header(ctx, in);
            break;
          case DATA:
            data(ctx, in, 0);
            break;
          default:
            control(ctx, in);
            break;
        }
      }
    } finally {
      in.release();
    }
  }

  /** Reads header bytes; once the header is whole, checks it and starts the frame. */
  private void header(ChannelHandlerContext ctx, ByteBuf in) {
    headerStart = have == 0 ? in.readerIndex() : -1;
    int need = have < 2 ? 2 : headerLength();
    while (have < need && in.isReadable()) {
      header[have++] = in.readByte();
      if (have == 2) {
        String error = checkFirstBytes();
        if (error != null) {
          closeWith(ctx, PROTOCOL_ERROR, error);
          return;
        }
        need = headerLength();
      }
    }
    if (have < need) {
      return;
    }
    int extended = need - 6;
    long length = header[1] & 0x7F;
    if (extended == 2) {
      length = (header[2] & 0xFF) << 8 | header[3] & 0xFF;
      if (length < 126) {
        closeWith(ctx, PROTOCOL_ERROR, "Frame length not in its shortest form.");
        return;
      }
    } else if (extended == 8) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = length << 8 | header[i] & 0xFF;
      }
      if (length < 0) {
        closeWith(ctx, PROTOCOL_ERROR, "Frame length with the most significant bit set.");
        return;
      }
      if (length <= 0xFFFF) {
        closeWith(ctx, PROTOCOL_ERROR, "Frame length not in its shortest form.");
        return;
      }
    }
    key = (header[need - 4] & 0xFF) << 24 | (header[need - 3] & 0xFF) << 16
        | (header[need - 2] & 0xFF) << 8 | header[need - 1] & 0xFF;
    remaining = length;
    first = header[0] & 0xFF;
    have = 0;
    int opcode = first & 0x0F;
    if (opcode >= CLOSE) {
      controlHave = 0;
      controlLength = (int) length;
      state = State.CONTROL;
      if (length == 0) {
        controlFrame(ctx);
      }
      return;
    }
    if (opcode != CONTINUATION) {
      text = opcode == TEXT;
      utf8.reset();
    }
    inMessage = (first & FIN) == 0;
    int serverHeader = 2 + extended;
    if (headerStart >= 0) {
      // The whole header came in this buffer: the server header takes the place of the last
      // bytes of the client header (the mask key), right before the payload, and leaves with it.
      int at = in.readerIndex() - serverHeader;
      in.setByte(at, first);
      in.setByte(at + 1, header[1] & 0x7F);
      for (int i = 0; i < extended; i++) {
        in.setByte(at + 2 + i, header[2 + i]);
      }
      state = State.DATA;
      data(ctx, in, serverHeader);
    } else {
      ByteBuf out = ctx.alloc().buffer(serverHeader);
      out.writeByte(first).writeByte(header[1] & 0x7F).writeBytes(header, 2, extended);
      ctx.write(out);
      state = State.DATA;
      if (remaining == 0) {
        endOfDataFrame(ctx);
      }
    }
  }

  /** @return the header's length, known once its first two bytes are in */
  private int headerLength() {
    int len7 = header[1] & 0x7F;
    return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
  }

  /** @return what is wrong with the frame's first two bytes, or null */
  private String checkFirstBytes() {
    int b0 = header[0] & 0xFF;
    int opcode = b0 & 0x0F;
    if ((b0 & 0x70) != 0) {
      return "Reserved bits set without an extension.";
    }
    if ((header[1] & 0x80) == 0) {
      return "Client frames must be masked.";
    }
    if (opcode >= CLOSE) {
      if (opcode > PONG) {
        return "Reserved opcode " + opcode + ".";
      }
      if ((b0 & FIN) == 0) {
        return "Control frames must be final.";
      }
      if ((header[1] & 0x7F) > MAX_CONTROL) {
        return "Control frame payloads must not exceed 125 bytes.";
      }
      return null;
    }
    if (opcode > BINARY) {
      return "Reserved opcode " + opcode + ".";
    }
    if (opcode == CONTINUATION && !inMessage) {
      return "Continuation frame without a message to continue.";
    }
    if (opcode != CONTINUATION && inMessage) {
      return "A new message began before the last one ended.";
    }
    return null;
  }

  /**
   * Forwards the payload bytes of the current data frame that this buffer holds, unmasked in
   * place, preceded by {@code prefix} bytes (the server header written just before them).
   */
  private void data(ChannelHandlerContext ctx, ByteBuf in, int prefix) {
    int from = in.readerIndex();
    int n = (int) Math.min(remaining, in.readableBytes());
    key = unmask(in, from, n, key);
    if (text) {
      for (int i = 0; i < n; i++) {
        if (!utf8.accept(in.getByte(from + i))) {
          // The echoed header promised more than can be sent: fail without a Close frame.
          state = State.CLOSED;
          ctx.close();
          return;
        }
      }
    }
    if (prefix + n > 0) {
      ctx.write(in.retainedSlice(from - prefix, prefix + n));
    }
    in.skipBytes(n);
    remaining -= n;
    if (remaining == 0) {
      endOfDataFrame(ctx);
    }
  }

  private void endOfDataFrame(ChannelHandlerContext ctx) {
    state = State.HEADER;
    if (text && (first & FIN) != 0 && !utf8.complete()) {
      closeWith(ctx, NOT_UTF8, "Text message ends inside a UTF-8 sequence.");
    }
  }

  /** Collects a control frame's payload (at most 125 bytes); acts on it once whole. */
  private void control(ChannelHandlerContext ctx, ByteBuf in) {
    int n = (int) Math.min(remaining, in.readableBytes());
    in.readBytes(control, controlHave, n);
    for (int i = controlHave; i < controlHave + n; i++) {
      control[i] ^= (byte) (key >>> 24);
      key = Integer.rotateLeft(key, 8);
    }
    controlHave += n;
    remaining -= n;
    if (remaining == 0) {
      controlFrame(ctx);
    }
  }

  private void controlFrame(ChannelHandlerContext ctx) {
    state = State.HEADER;
    int opcode = first & 0x0F;
    if (opcode == PING) {
      ByteBuf pong = ctx.alloc().buffer(2 + controlLength);
      ctx.write(pong.writeByte(FIN | PONG).writeByte(controlLength)
          .writeBytes(control, 0, controlLength));
    } else if (opcode == CLOSE) {
      closeFrame(ctx);
    }
  }

  /** Answers a client Close with a Close echoing its status code, then closes TCP. */
  private void closeFrame(ChannelHandlerContext ctx) {
    if (controlLength == 1) {
      closeWith(ctx, PROTOCOL_ERROR, "Close frame with a one-byte payload.");
      return;
    }
    if (controlLength == 0) {
      closeWith(ctx, -1, "");
      return;
    }
    int code = (control[0] & 0xFF) << 8 | control[1] & 0xFF;
    if (!mayBeSent(code)) {
      closeWith(ctx, PROTOCOL_ERROR, "Close code " + code + " may not be sent.");
      return;
    }
    Utf8Check reason = new Utf8Check();
    for (int i = 2; i < controlLength; i++) {
      if (!reason.accept(control[i])) {
        closeWith(ctx, NOT_UTF8, "Close reason is not UTF-8.");
        return;
      }
    }
    if (!reason.complete()) {
      closeWith(ctx, NOT_UTF8, "Close reason is not UTF-8.");
      return;
    }
    closeWith(ctx, code, "");
  }

  /** @return whether an endpoint may send this close code (RFC 6455 7.4, IANA registry) */
  static boolean mayBeSent(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014
        || code >= 3000 && code <= 4999;
  }

  /**
   * Sends a Close and closes TCP once it is written; reads nothing more. At a frame boundary
   * only (both directions), as it answers a Close or fails the connection.
   *
   * @param code the status code, -1 for a Close without a body
   * @param reason the reason, at most 123 bytes of UTF-8
   */
  private void closeWith(ChannelHandlerContext ctx, int code, String reason) {
    state = State.CLOSED;
    byte[] why = reason.getBytes(StandardCharsets.UTF_8);
    int length = code < 0 ? 0 : 2 + why.length;
    ByteBuf close = ctx.alloc().buffer(2 + length).writeByte(FIN | CLOSE).writeByte(length);
    if (code >= 0) {
      close.writeShort(code).writeBytes(why);
    }
    ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * Unmasks {@code length} bytes in place, eight at a time.
   *
   * @param buf the bytes
   * @param index where they start
   * @param length how many
   * @param key the mask key rotated so that its top byte applies to the byte at {@code index}
   * @return the key rotated for the byte after the last
   */
  static int unmask(ByteBuf buf, int index, int length, int key) {
    int i = 0;
    if (length >= 8 && buf.nioBufferCount() == 1) {
      // A view of the same memory (one NIO buffer: no copy); the key's bytes in memory order.
      ByteBuffer b = buf.nioBuffer(index, length).order(ByteOrder.LITTLE_ENDIAN);
      int le = Integer.reverseBytes(key);
      long k = (le & 0xFFFFFFFFL) | (long) le << 32;
      for (int end = length - 7; i < end; i += 8) {
        b.putLong(i, b.getLong(i) ^ k);
      }
    }
    for (; i < length; i++) {
      buf.setByte(index + i, buf.getByte(index + i) ^ key >>> 24);
      key = Integer.rotateLeft(key, 8);
    }
    return key;
  }
}
