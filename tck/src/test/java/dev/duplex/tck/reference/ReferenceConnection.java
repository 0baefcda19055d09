package dev.duplex.tck.reference;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.TransportConfig;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One reference connection: a reader thread that performs the handshake and then reads frames,
 * and a writer thread that writes frames in call order. Every listener callback goes through one
 * lock, so callbacks never overlap and nothing follows the terminal one.
 *
 * <p>Threading: the {@link Connection} methods are safe from any thread and never block.
 */
final class ReferenceConnection implements Connection {
  private static final System.Logger LOG = System.getLogger(ReferenceConnection.class.getName());
  private static final AtomicInteger IDS = new AtomicInteger();

  private final ConnectRequest request;
  private final ConnectionListener listener;
  private final TransportConfig config;
  private final Set<Fault> faults;
  private final ScheduledExecutorService timers;
  private final Consumer<ReferenceConnection> onEnd;
  private final int id = IDS.incrementAndGet();
  private final ExecutorService writer;
  private final Object lock = new Object();
  private final ClientFrameEncoder encoder;
  private final AtomicLong pingsSent = new AtomicLong();
  private final AtomicLong lastPong = new AtomicLong();
  private volatile Socket socket = new Socket();
  private volatile OutputStream out;
  private volatile boolean opened;
  private volatile boolean closeSent;
  private volatile boolean closeReceived;
  private volatile boolean handshakeTimedOut;
  private volatile ScheduledFuture<?> keepAlive;
  private volatile ReferenceDeflate deflate;
  private boolean terminated;

  private final InboundMessage inbound;

  ReferenceConnection(ConnectRequest request, ConnectionListener listener, TransportConfig config,
      Set<Fault> faults, ScheduledExecutorService timers, Consumer<ReferenceConnection> onEnd) {
    this.request = request;
    this.listener = listener;
    this.config = config;
    this.faults = faults;
    this.timers = timers;
    this.onEnd = onEnd;
    this.inbound = new InboundMessage(faults, request.maxMessageSize());
    this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "reference-writer-" + id));
    this.encoder = new ClientFrameEncoder(faults);
  }

  void start() {
    daemon(this::run, "reference-reader-" + id).start();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void run() {
    long timeout = request.handshakeTimeout().toMillis();
    long timerDelay = faults.contains(Fault.NO_HANDSHAKE_TIMEOUT) ? Long.MAX_VALUE / 2 : timeout;
    ScheduledFuture<?> timer = timers.schedule(() -> {
      if (!opened) {
        handshakeTimedOut = true;
        closeSocket();
      }
    }, timerDelay, TimeUnit.MILLISECONDS);
    DataInputStream in;
    try {
      ReferenceHandshake handshake = new ReferenceHandshake(request, config, faults);
      Socket s = handshake.open(socket, (int) timeout);
      socket = s;
      s.setSoTimeout(faults.contains(Fault.NO_HANDSHAKE_TIMEOUT) ? 0 : (int) timeout);
      s.setTcpNoDelay(true);
      in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
      out = s.getOutputStream();
      Handshake h = handshake.perform(in, out);
      deflate = handshake.deflate();
      if (faults.contains(Fault.DROP_BYTES_AFTER_RESPONSE)) {
        in = new DataInputStream(s.getInputStream());
      }
      timer.cancel(false);
      s.setSoTimeout(0);
      opened = true;
      emit(() -> listener.opened(h));
    } catch (IOException | RuntimeException e) {
      timer.cancel(false);
      closeSocket();
      IOException cause = handshakeTimedOut
          ? new IOException("The opening handshake took longer than " + request.handshakeTimeout()) : asIo(e);
      if ((faults.contains(Fault.REFUSED_AS_CLOSE) && e instanceof ConnectException)
          || (faults.contains(Fault.HANDSHAKE_EOF_AS_CLOSE) && e instanceof EOFException)
          || (faults.contains(Fault.PROXY_REFUSAL_AS_CLOSE) && e instanceof ReferenceHandshake.TunnelRefused)) {
        terminate(() -> listener.closed(CloseCodes.ABNORMAL_CLOSURE, "", false));
      } else {
        terminate(() -> listener.failed(cause));
      }
      return;
    }
    startKeepAlive();
    readLoop(in);
  }

  private static IOException asIo(Exception e) {
    return e instanceof IOException io ? io : new IOException("The opening handshake failed: " + e, e);
  }

  private void readLoop(DataInputStream in) {
    try {
      while (true) {
        if (!readFrame(in)) {
          ended(false);
          return;
        }
        if (closeReceived && !faults.contains(Fault.DELIVER_AFTER_CLOSE)) {
          drainUntilServerCloses(in);
          return;
        }
      }
    } catch (ProtocolError e) {
      failConnection(e.code, e.getMessage());
    } catch (IOException e) {
      ended(false);
    }
  }

  /** Reads and handles one frame; false at end of stream. */
  private boolean readFrame(DataInputStream in) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return false;
    }
    int b1 = in.readUnsignedByte();
    boolean fin = (b0 & 0x80) != 0;
    int rsv = (b0 >> 4) & 7;
    int opcode = b0 & 0xF;
    boolean masked = (b1 & 0x80) != 0;
    long len = b1 & 0x7F;
    if (len == 126) {
      len = faults.contains(Fault.SIGNED_16BIT_LENGTH) ? in.readShort() : in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    int allowedRsv = deflate != null && opcode >= 1 && opcode <= 2 ? 4 : 0;
    if ((rsv & ~allowedRsv) != 0 && !faults.contains(Fault.ALLOW_RESERVED_BITS)) {
      throw new ProtocolError(1002, "The server set reserved bits " + rsv + " without an extension");
    }
    boolean control = opcode >= 8;
    boolean known = opcode <= 2 || opcode == 8 || opcode == 9 || opcode == 10;
    if (!known) {
      if (!faults.contains(Fault.ALLOW_RESERVED_OPCODES)) {
        throw new ProtocolError(1002, "The server used the reserved opcode " + opcode);
      }
      opcode = 2;
      control = false;
    }
    if (masked && !faults.contains(Fault.ALLOW_MASKED_SERVER_FRAMES)) {
      throw new ProtocolError(1002, "The server masked a frame");
    }
    if (control && ((len > 125 && !faults.contains(Fault.ALLOW_LONG_CONTROL_FRAMES))
        || (!fin && !faults.contains(Fault.ALLOW_FRAGMENTED_CONTROL)))) {
      throw new ProtocolError(1002, "The server sent a control frame that is fragmented or longer than 125 bytes");
    }
    long size = inbound.length() + len;
    boolean overLimit = faults.contains(Fault.LIMIT_OFF_BY_ONE) ? size >= request.maxMessageSize()
        : size > request.maxMessageSize() && (inbound.inProgress() || !faults.contains(Fault.LIMIT_ONLY_FOR_FRAGMENTS));
    if (len < 0 || (!control && overLimit)) {
      throw new ProtocolError(1009, "A message is larger than the limit of " + request.maxMessageSize() + " bytes");
    }
    byte[] key = new byte[masked ? 4 : 0];
    in.readFully(key);
    byte[] payload = new byte[(int) len];
    if (opcode == 1 && rsv == 0 && !masked && faults.contains(Fault.VALIDATE_UTF8_PER_READ)) {
      readValidatingEachRead(in, payload);
    } else {
      in.readFully(payload);
    }
    for (int i = 0; masked && i < payload.length; i++) {
      payload[i] ^= key[i & 3];
    }
    if (control) {
      control(opcode, payload);
    } else {
      data(opcode, fin, rsv == 4, payload);
    }
    return true;
  }

  /** {@link Fault#VALIDATE_UTF8_PER_READ}: reads a text payload, decoding each read on its own. */
  private void readValidatingEachRead(DataInputStream in, byte[] payload) throws IOException {
    int done = 0;
    while (done < payload.length) {
      int n = in.read(payload, done, payload.length - done);
      if (n < 0) {
        throw new EOFException("end of stream inside a frame");
      }
      InboundMessage.decode(java.util.Arrays.copyOfRange(payload, done, done + n), "text frame", faults);
      done += n;
    }
  }

  private void control(int opcode, byte[] payload) throws ProtocolError {
    releaseHeldMessage();
    if (inbound.inProgress() && faults.contains(Fault.REJECT_INTERLEAVED_CONTROL)) {
      throw new ProtocolError(1002, "control frame inside a fragmented message");
    }
    if (opcode == 9) {
      if (!faults.contains(Fault.IGNORE_PING) && !closeSent) {
        byte[] pong = faults.contains(Fault.EMPTY_PONG) ? new byte[0] : payload;
        writer.execute(() -> writeFrame(10, pong));
      }
    } else if (opcode == 10) {
      if (payload.length != 8 && faults.contains(Fault.FAIL_ON_UNSOLICITED_PONG)) {
        throw new ProtocolError(1002, "unsolicited pong");
      }
      if (payload.length == 8) {
        lastPong.accumulateAndGet(ByteBuffer.wrap(payload).getLong(), Math::max);
      }
    } else {
      receiveClose(payload);
    }
  }

  private void receiveClose(byte[] payload) throws ProtocolError {
    if (payload.length == 1 && faults.contains(Fault.ACCEPT_ONE_BYTE_CLOSE)) {
      payload = new byte[0];
    }
    if (payload.length == 1) {
      throw new ProtocolError(1002, "The server's Close frame has a one-byte body");
    }
    int code = payload.length == 0 ? CloseCodes.NO_STATUS_RECEIVED : ByteBuffer.wrap(payload).getShort() & 0xFFFF;
    if (payload.length > 0 && !CloseCodes.isValidOnWire(code) && !faults.contains(Fault.ACCEPT_INVALID_CLOSE_CODES)) {
      throw new ProtocolError(1002, "The server sent the invalid close code " + code);
    }
    byte[] reasonBytes = payload.length > 2 ? java.util.Arrays.copyOfRange(payload, 2, payload.length) : new byte[0];
    String decoded = InboundMessage.decode(reasonBytes, "close reason", faults);
    String reason = faults.contains(Fault.TRUNCATE_CLOSE_REASON) && decoded.length() > 60 ? decoded.substring(0, 60) : decoded;
    int reported = faults.contains(Fault.WRONG_CLOSE_CODE) ? code + 1 : code;
    closeReceived = true;
    if (!closeSent) {
      sendClose(CloseCodes.replyTo(code), "");
    }
    if (!faults.contains(Fault.NO_CLOSING_CALLBACK)) {
      emit(() -> listener.closing(reported, reason));
    }
    receivedCode = reported;
    receivedReason = reason;
  }

  private int receivedCode = CloseCodes.ABNORMAL_CLOSURE;
  // reader thread only: the data messages received so far, and one held back by a fault
  private int messagesReceived;
  private Runnable heldMessage;
  private String receivedReason = "";

  private void data(int opcode, boolean fin, boolean rsv1, byte[] payload) throws ProtocolError {
    Object message = inbound.append(opcode, fin, rsv1, payload, deflate);
    if (message == null || (closeReceived && !faults.contains(Fault.DELIVER_AFTER_CLOSE))) {
      return;
    }
    Runnable delivery = message instanceof String text
        ? () -> listener.text(text) : () -> listener.binary((ByteBuffer) message);
    messagesReceived++;
    if (messagesReceived == 2 && faults.contains(Fault.SWAP_SECOND_AND_THIRD_MESSAGE)) {
      heldMessage = delivery;
      return;
    }
    emit(delivery);
    releaseHeldMessage();
  }

  /** Delivers the message {@link Fault#SWAP_SECOND_AND_THIRD_MESSAGE} held back, if any. */
  private void releaseHeldMessage() {
    Runnable held = heldMessage;
    heldMessage = null;
    if (held != null) {
      emit(held);
    }
  }

  /** After the Close frames crossed: wait for the server to close TCP, at most the close timeout. */
  private void drainUntilServerCloses(DataInputStream in) {
    try {
      socket.setSoTimeout(faults.contains(Fault.NO_CLOSE_TIMEOUT) ? 0 : (int) request.closeTimeout().toMillis());
      byte[] sink = new byte[4096];
      while (in.read(sink) >= 0) {
        // data after the Close frame is discarded (RFC 6455 5.5.1)
      }
    } catch (SocketTimeoutException e) {
      LOG.log(System.Logger.Level.DEBUG, "The server did not close TCP within the close timeout; closing it");
    } catch (IOException e) {
      // closed by our timer or reset: the handshake is complete either way
    }
    ended(true);
  }

  private void ended(boolean handshakeDone) {
    releaseHeldMessage();
    closeSocket();
    if (handshakeDone || closeReceived && closeSent) {
      int code = receivedCode;
      String reason = receivedReason;
      terminate(() -> listener.closed(code, reason, true));
    } else if (faults.contains(Fault.EOF_IS_CLEAN)) {
      terminate(() -> listener.closed(CloseCodes.NORMAL_CLOSURE, "", true));
    } else {
      terminate(() -> listener.closed(CloseCodes.ABNORMAL_CLOSURE, "", false));
    }
  }

  private void failConnection(int code, String message) {
    releaseHeldMessage();
    if (!closeSent) {
      closeSent = true;
      writer.execute(() -> writeFrame(8, closeBody(code, "")));
    }
    writer.execute(this::closeSocket);
    writer.shutdown();
    terminate(() -> listener.failed(new IOException(message)));
  }

  private void startKeepAlive() {
    long interval = request.pingInterval().toMillis();
    if (interval <= 0 || faults.contains(Fault.NO_KEEP_ALIVE)) {
      return;
    }
    keepAlive = timers.scheduleAtFixedRate(() -> {
      if (closeSent) {
        return;
      }
      long n = pingsSent.incrementAndGet();
      writer.execute(() -> writeFrame(9, ByteBuffer.allocate(8).putLong(n).array()));
      timers.schedule(() -> {
        if (lastPong.get() < n && !closeSent && !faults.contains(Fault.IGNORE_MISSING_PONGS)) {
          terminate(() -> listener.failed(new IOException("No pong within " + request.pongTimeout())));
          closeSocket();
        }
      }, request.pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void sendText(String text) {
    if (!opened || (closeSent && !faults.contains(Fault.SEND_AFTER_CLOSE))) {
      return;
    }
    byte[] utf8Bytes = text.getBytes(faults.contains(Fault.TEXT_AS_LATIN1) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    long count = faults.contains(Fault.COUNT_UTF16_TRANSMITTED) ? text.length() : utf8Bytes.length;
    writer.execute(() -> {
      if (writeData(1, utf8Bytes)) {
        emit(() -> listener.transmitted(count));
      }
    });
  }

  @Override
  public void sendBinary(ByteBuffer data) {
    if (!opened || (closeSent && !faults.contains(Fault.SEND_AFTER_CLOSE))) {
      return;
    }
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    if (faults.contains(Fault.IGNORE_BUFFER_POSITION) && data.hasArray()) {
      copy = data.array().clone();
    }
    byte[] payload = copy;
    writer.execute(() -> {
      if (writeData(2, payload)) {
        emit(() -> listener.transmitted(payload.length));
      }
    });
  }

  /**
   * The spi's default (a copy, then {@link #sendBinary}), unless {@link Fault#READ_LENT_BYTES_LATE}:
   * then the bytes are read on the writer thread after the call has returned: as soon as the
   * caller has changed the first of them, or after 500 ms if it does not (so that clauses which
   * never change what they sent still see their messages well within their waits).
   */
  @Override
  public void sendBinaryBorrowed(ByteBuffer data) {
    if (!faults.contains(Fault.READ_LENT_BYTES_LATE)) {
      Connection.super.sendBinaryBorrowed(data);
      return;
    }
    if (!opened || closeSent) {
      return;
    }
    ByteBuffer lent = data.duplicate();
    byte first = lent.remaining() > 0 ? lent.get(lent.position()) : 0;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    writer.execute(() -> {
      while (lent.remaining() > 0 && lent.get(lent.position()) == first
          && System.nanoTime() < deadline) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] payload = new byte[lent.remaining()];
      lent.get(payload);
      if (writeData(2, payload)) {
        emit(() -> listener.transmitted(payload.length));
      }
    });
  }

  @Override
  public void close(int code, String reason) {
    if (!opened || closeSent) {
      return;
    }
    sendClose(code, reason);
    if (!faults.contains(Fault.NO_CLOSE_TIMEOUT)) {
      timers.schedule(() -> {
        if (!closeReceived) {
          closeSocket();
        }
      }, request.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void sendClose(int code, String reason) {
    closeSent = true;
    int sent = code == CloseCodes.NO_STATUS_RECEIVED && faults.contains(Fault.NO_EMPTY_CLOSE) ? 1000 : code;
    if (faults.contains(Fault.IGNORE_CLOSE_CODE) && sent != CloseCodes.NO_STATUS_RECEIVED) {
      sent = 1000;
    }
    byte[] body = closeBody(sent, reason);
    writer.execute(() -> writeFrame(8, body));
  }

  private static byte[] closeBody(int code, String reason) {
    if (code == CloseCodes.NO_STATUS_RECEIVED) {
      return new byte[0];
    }
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array();
  }

  @Override
  public void abort() {
    if (!opened && faults.contains(Fault.IGNORE_ABORT_WHILE_CONNECTING)) {
      return;
    }
    closeSocket();
    if (opened) {
      terminate(() -> listener.closed(CloseCodes.ABNORMAL_CLOSURE, "", false));
    } else {
      terminate(() -> listener.failed(new IOException("The connection was aborted before it opened")));
    }
  }

  /** Writes a data message, compressed if permessage-deflate is in use; on the writer thread only. */
  private boolean writeData(int opcode, byte[] whole) {
    byte[] message = faults.contains(Fault.TRUNCATE_LARGE_MESSAGES) && whole.length > 65535
        ? java.util.Arrays.copyOf(whole, 65535) : whole;
    ReferenceDeflate d = deflate;
    if (d == null) {
      return writeFrame(opcode, message, false);
    }
    return writeFrame(opcode, d.compress(message), !faults.contains(Fault.DEFLATE_NO_RSV1));
  }

  /** Writes one final frame; on the writer thread only. */
  private boolean writeFrame(int opcode, byte[] payload) {
    return writeFrame(opcode, payload, false);
  }

  private boolean writeFrame(int opcode, byte[] payload, boolean rsv1) {
    byte[] frame = encoder.encode(opcode, payload, rsv1);
    try {
      out.write(frame);
      out.flush();
      return true;
    } catch (IOException e) {
      closeSocket();
      return false;
    }
  }

  private void emit(Runnable callback) {
    synchronized (lock) {
      if (terminated) {
        return;
      }
      try {
        callback.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "The connection listener threw; aborting the connection", e);
        closeSocket();
      }
    }
  }

  private void terminate(Runnable callback) {
    synchronized (lock) {
      if (terminated) {
        return;
      }
      try {
        callback.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "The connection listener threw in its terminal callback", e);
      } finally {
        terminated = true;
      }
    }
    ScheduledFuture<?> k = keepAlive;
    if (k != null) {
      k.cancel(false);
    }
    writer.shutdown();
    onEnd.accept(this);
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
