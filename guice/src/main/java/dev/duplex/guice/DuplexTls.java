package dev.duplex.guice;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code javax.net.ssl.SSLContext} used for {@code wss:} by the injected {@code
 * WebSocketContext}'s transport. Unbound by default: the JDK default context. It is an error to
 * bind both this and a {@code TransportConfig}.
 *
 * <p>Bind it to override the default, for example
 * {@code bind(DuplexKeys.TLS).toInstance(...)}; see {@link DuplexModule}. Threading: an annotation.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface DuplexTls {}
