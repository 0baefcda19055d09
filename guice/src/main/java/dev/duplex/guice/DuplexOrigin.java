package dev.duplex.guice;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code String} origin of the injected {@code WebSocketContext} (for example
 * {@code "https://app.example"}), sent as {@code Origin} and deciding mixed content. Unbound by
 * default: no origin.
 *
 * <p>Bind it to override the default, for example
 * {@code bind(DuplexKeys.ORIGIN).toInstance(...)}; see {@link DuplexModule}. Threading: an
 * annotation.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface DuplexOrigin {}
