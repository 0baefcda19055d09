/**
 * The certification report: {@link dev.duplex.tck.report.Certification} runs the kit against
 * each provider through the JUnit Platform Launcher and writes the verdict clause by clause as
 * text, HTML and JSON.
 *
 * <p>Threading: the runner is a CLI main, one run at a time.
 */
package dev.duplex.tck.report;
