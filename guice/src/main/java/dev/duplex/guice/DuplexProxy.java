package dev.duplex.guice;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code java.net.ProxySelector} through which the injected {@code
 * WebSocketContext}'s transport connects. Unbound by default: direct connections. It is an error
 * to bind both this and a {@code TransportConfig}.
 *
 * <p>Bind it to override the default, for example
 * {@code bind(DuplexKeys.PROXY).toInstance(...)}; see {@link DuplexModule}. Threading: an
 * annotation.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface DuplexProxy {}
