package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Provider discovery: a provider that fails to load is skipped, the others are kept. */
class ServiceLookupTest {

  /** Yields "a", then fails once (a broken provider), then yields "b". */
  private static Iterator<String> withOneBrokenProvider() {
    return new Iterator<>() {
      private int step;

      @Override
      public boolean hasNext() {
        return step < 3;
      }

      @Override
      public String next() {
        switch (step++) {
          case 0:
            return "a";
          case 1:
            throw new ServiceConfigurationError("Provider x could not be instantiated (expected)");
          case 2:
            return "b";
          default:
            throw new NoSuchElementException();
        }
      }
    };
  }

  @Test
  void transportChoice_serviceConfigurationErrorIsCaughtPerProvider() {
    assertEquals(List.of("a", "b"), ServiceLookup.drain(withOneBrokenProvider(), String.class));
  }

  @Test
  void transportChoice_aBrokenProviderIsWarnedAboutOnceThenLoggedAtDebug() {
    Logger log = Logger.getLogger("dev.duplex");
    List<Level> levels = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getThrown() != null && r.getThrown().getMessage().contains("warn-once")) {
          levels.add(r.getLevel());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level before = log.getLevel();
    log.setLevel(Level.ALL);
    log.addHandler(capture);
    try {
      for (int i = 0; i < 3; i++) {
        Iterator<String> broken = List.<String>of().iterator();
        ServiceLookup.drain(new Iterator<String>() {
          private boolean failed;

          @Override
          public boolean hasNext() {
            return !failed || broken.hasNext();
          }

          @Override
          public String next() {
            failed = true;
            throw new ServiceConfigurationError("Provider warn-once could not be loaded (expected)");
          }
        }, String.class);
      }
    } finally {
      log.removeHandler(capture);
      log.setLevel(before);
    }
    assertEquals(List.of(Level.WARNING, Level.FINE, Level.FINE), levels,
        "every context looks providers up again: one warning per broken provider");
  }

  @Test
  void transportChoice_aLoaderThatKeepsFailingEnds() {
    Iterator<String> alwaysBroken = new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw new ServiceConfigurationError("broken (expected)");
      }

      @Override
      public String next() {
        throw new NoSuchElementException();
      }
    };
    assertEquals(List.of(), ServiceLookup.drain(alwaysBroken, String.class));
  }
}
