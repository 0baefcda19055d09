package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
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
