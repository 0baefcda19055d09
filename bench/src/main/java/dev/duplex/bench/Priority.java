package dev.duplex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU priority for a run on a shared machine. Linux's scheduler autogroups put each session's
 * processes in one group and share the CPUs fairly between groups, so a plain {@code nice} only
 * ranks the run against its own session: the group's niceness ({@code /proc/self/autogroup})
 * is what lets it ahead of other sessions' builds. Raised for the run and restored after it.
 *
 * <p>Threading: main thread only.
 */
final class Priority {
  private static final Path AUTOGROUP = Path.of("/proc/self/autogroup");

  private Priority() {}

  /**
   * @param nice the group niceness for the run, e.g. -10
   * @return the niceness before, to restore; null if it could not be changed (said on stderr)
   */
  static Integer raise(int nice) {
    try {
      String before = Files.readString(AUTOGROUP).trim();
      int old = Integer.parseInt(before.substring(before.lastIndexOf(' ') + 1));
      Files.writeString(AUTOGROUP, Integer.toString(nice));
      System.err.println("CPU priority: this session's scheduler group runs at nice " + nice
          + " for the run (was " + old + ")");
      return old;
    } catch (IOException | RuntimeException e) {
      System.err.println("CPU priority: cannot change " + AUTOGROUP + " (" + e.getMessage()
          + "); the run competes with other work on equal terms");
      return null;
    }
  }

  /** @param old what {@link #raise} returned */
  static void restore(Integer old) {
    if (old == null) {
      return;
    }
    try {
      Files.writeString(AUTOGROUP, Integer.toString(old));
    } catch (IOException e) {
      System.err.println("CPU priority: could not restore nice " + old + ": " + e.getMessage());
    }
  }
}
