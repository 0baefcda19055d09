/**
 * The {@code "nio"} Duplex transport: RFC 6455 and RFC 7692 on {@code java.nio}, found through
 * {@link java.util.ServiceLoader} as {@link dev.duplex.transport.nio.NioTransportProvider}.
 *
 * <h2>Design</h2>
 * A few selector threads, shared by every connection of a transport, do all the I/O; blocking
 * work (name resolution, proxy selection, TLS certificate checks) runs on a small separate
 * executor. An idle connection holds no buffer: reads go through one buffer per selector thread,
 * writes through pooled buffers held only while bytes are in flight. Frames are parsed by a push
 * parser straight from those buffers, text is validated as UTF-8 as its bytes arrive, and client
 * frames are masked as they are copied out (as an element-by-element XOR of two arrays, which the
 * JIT vectorises however deep in a handler's stack the send was made).
 *
 * <p>A send made on the selector thread itself (typically by a handler that the W3C api runs
 * inline, answering the message it just received) is written before the send returns; what was
 * written, or how the write failed, is reported to the listener afterwards by a task, never from
 * inside the {@link dev.duplex.spi.Connection} method. A send from any other thread queues the
 * message and hands the write to the selector thread.
 *
 * <p>The implementation lives in the unexported package {@code dev.duplex.transport.nio.internal}.
 */
package dev.duplex.transport.nio;
