package dev.duplex.guice;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code String} name of the injected {@code WebSocketContext} (thread names,
 * logs). Unbound by default: {@code "duplex-guice"}.
 *
 * <p>Bind it to override the default, for example
 * {@code bind(DuplexKeys.CONTEXT_NAME).toInstance(...)}; see {@link DuplexModule}. Threading: an
 * annotation.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface DuplexContextName {}
