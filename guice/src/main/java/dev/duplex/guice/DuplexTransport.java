package dev.duplex.guice;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code String} naming the transport (a {@code TransportProvider.name()}, such as
 * {@code "nio"}, {@code "jetty"} or {@code "okhttp"}) of the injected {@code WebSocketContext}.
 * Unbound by default: the transport then comes from the {@code duplex.transport} system
 * property, the {@code DUPLEX_TRANSPORT} environment variable or the highest {@code
 * ServiceLoader} priority, in that order.
 *
 * <p>Bind it to override the default, for example
 * {@code bind(DuplexKeys.TRANSPORT).toInstance(...)}; see {@link DuplexModule}. Threading: an
 * annotation.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface DuplexTransport {}
