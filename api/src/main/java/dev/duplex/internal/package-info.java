/**
 * The one implementation of the W3C algorithms, on top of whichever transport the context chose.
 * Not exported.
 *
 * <p>Map: {@link dev.duplex.internal.ContextRuntime} (constructor steps, policies, "make
 * disappear"), {@link dev.duplex.internal.UrlParser} (section 7),
 * {@link dev.duplex.internal.ProtocolListValidator} (constructor step 5),
 * {@link dev.duplex.internal.CloseArguments} ({@code close()} steps 1–2),
 * {@link dev.duplex.internal.Utf8} (USVString and UTF-8 lengths), {@code SocketEngine} (the
 * {@link dev.duplex.internal.ReadyState} machine, {@code send}, {@code close}, the tasks of
 * section 5), {@code SocketInbox} (batched hand-over from transport threads to the event loop),
 * {@code BufferedAmount}, {@code GcSupport} (section 9), {@code ListenerList} and
 * {@code EventDispatcher} (the event target), {@code LoopTaskScope} (race-free creation),
 * {@link dev.duplex.internal.TransportSelector} and {@link dev.duplex.internal.PolicySet}.
 */
package dev.duplex.internal;
