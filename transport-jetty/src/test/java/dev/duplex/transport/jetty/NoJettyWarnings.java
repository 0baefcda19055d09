package dev.duplex.transport.jetty;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Jetty's client (through SLF4J, routed to java.util.logging by slf4j-jdk14)
 * logged at WARN or above while it ran: normal W3C behaviour must not look like trouble
 * in an operator's log. Threading: JUnit's thread; the handler is thread-safe.
 */
final class NoJettyWarnings implements BeforeEachCallback, AfterEachCallback {
  private static final Logger ROOT = Logger.getLogger("");

  private final List<String> warnings = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      String name = r.getLoggerName() == null ? "" : r.getLoggerName();
      if (r.getLevel().intValue() >= Level.WARNING.intValue()
          && (name.startsWith("org.eclipse.jetty.websocket") || name.startsWith("org.eclipse.jetty.client")
              || name.startsWith("org.eclipse.jetty.io"))) {
        synchronized (warnings) {
          warnings.add(r.getLevel() + " " + name + ": " + r.getMessage()
              + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (warnings) {
      warnings.clear();
    }
    ROOT.addHandler(handler);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ROOT.removeHandler(handler);
    synchronized (warnings) {
      if (!warnings.isEmpty() && context.getExecutionException().isEmpty()) {
        throw new AssertionError("Logged at WARN or above during the test: " + warnings);
      }
    }
  }
}
