package dev.duplex.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The clauses a self-test's fault must fail: every one of {@link #value()} and none outside
 * {@link #value()} and {@link #sometimes()}. {@link FaultRun#assertBreaks} checks it;
 * {@link SelfTestCoverageTest} reads it to prove that every required clause can fail.
 *
 * <p>Threading: an annotation; read-only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Breaks {

  /** @return the clauses (test method names) the fault must fail */
  String[] value();

  /** @return clauses the fault may or may not fail, depending on timing the test cannot control */
  String[] sometimes() default {};
}
