package dev.duplex.tck;

import dev.duplex.spi.Capability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the specification clause a TCK test proves and the capabilities it needs.
 *
 * <p>{@link ClauseExtension} reads it before each test: a test that {@linkplain #requires()
 * requires} an optional {@link Capability} the provider does not claim is aborted with the reason
 * {@code "not claimed"}; one that requires a required capability the provider lists in
 * {@link dev.duplex.spi.TransportProvider#knownDeviations()} is aborted with
 * {@code "known deviation: <reason>"}. Every other test runs, so an unclaimed required capability
 * without a declared deviation fails.
 *
 * <p>The certification report lists coverage by {@link #value()}.
 *
 * <p>Threading: an annotation; read-only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Clause {

  /**
   * The clause reference, for example {@code "RFC 6455 5.1"}, {@code "W3C 4 close()"} or
   * {@code "RFC 7692 7.1.2.2"}; a test derived from a public suite may add its source, for example
   * {@code "RFC 6455 5.2 (Autobahn 3.1)"}.
   *
   * @return the clause reference
   */
  String value();

  /**
   * The capabilities the test exercises; empty for behaviour every transport must have.
   *
   * @return the capabilities
   */
  Capability[] requires() default {};

  /**
   * What the test verifies, in one sentence, for the report.
   *
   * @return the summary; empty to use the test's name
   */
  String summary() default "";
}
