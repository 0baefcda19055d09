package dev.duplex.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting child JVMs on this machine's {@code java} with this JVM's class path, and reading a
 * process's CPU time from {@code /proc}.
 *
 * <p>Threading: stateless, thread-safe.
 */
public final class Jvm {
  /** The line a child prints first: its open-file limit after raising it. */
  public static final String FD_LIMIT_PREFIX = "FDLIMIT ";

  private Jvm() {}

  /**
   * @param args JVM options, the main class and its arguments
   * @return {@code java -cp <our class path> args...}
   */
  public static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Starts {@code command} through {@code sh}, which first raises the soft open-file limit to
   * the hard limit (and optionally changes its niceness) and prints {@link #FD_LIMIT_PREFIX} with the result. Standard error is
   * inherited; standard input and output are pipes.
   *
   * @param command the command
   * @param nice a niceness to run at (negative: ahead of other work on the machine; needs
   *     root), 0 to leave it
   * @return the process
   * @throws IOException if it cannot start
   */
  public static Process startWithRaisedFdLimit(List<String> command, int nice) throws IOException {
    StringBuilder sh = new StringBuilder(nice == 0 ? "" : "renice -n " + nice + " -p $$ >/dev/null 2>&1; ");
    sh.append("ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; echo " + FD_LIMIT_PREFIX
        + "\"$(ulimit -n)\"; exec");
    for (String arg : command) {
      sh.append(' ').append(quote(arg));
    }
    return new ProcessBuilder("sh", "-c", sh.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * The CPU time (user + system) a process has used, from {@code /proc/<pid>/stat}.
   *
   * @param pid the process
   * @return nanoseconds, or -1 where {@code /proc} is not available
   */
  public static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command: state(0) ... utime is field 14 overall, i.e. index 11 here.
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
