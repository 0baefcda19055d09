package dev.duplex.bench;

import dev.duplex.bench.HoldProtocol.Holding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The harness's side of the {@link HoldProtocol} for several workers at once: waits until every
 * worker says it holds its connections; then, while every one of them still holds (no worker
 * lets go before {@link HoldProtocol#RELEASE}), asks each how many are still open and runs a
 * check of the caller's own (the servers' counts); then releases them all, whatever happened.
 *
 * <p>Why the sum proves the connections were open at the same time: connections never reopen,
 * so a worker that answers {@code STILL n} at time t had at least n open at every moment between
 * its {@code HOLDING} and t. Every answer is asked for after the last {@code HOLDING} arrived, so
 * at that moment all the workers together had at least the sum of the answers open.
 *
 * <p>Threading: {@link #await} on the caller's thread; one daemon thread per worker reads its
 * lines.
 */
final class Barrier {
  private Barrier() {}

  /**
   * One worker.
   *
   * @param name for messages, e.g. {@code worker 2 of 6}
   * @param lines its standard output
   * @param commands its standard input
   */
  record Party(String name, InputStream lines, OutputStream commands) {}

  /**
   * What the barrier saw.
   *
   * @param holdings each worker's {@code HOLDING} report, in party order (empty on failure)
   * @param still each worker's answer to {@code CHECK}, in party order (empty on failure)
   * @param failure why not every worker held until the check, or null
   */
  record Outcome(List<Holding> holdings, int[] still, String failure) {
    /** @return the connections all the workers had open at once (0 on failure) */
    int held() {
      return Arrays.stream(still).sum();
    }
  }

  /** A check run while every worker holds. */
  @FunctionalInterface
  interface Check {
    /** @throws IOException if it fails; the outcome then says why */
    void run() throws IOException;
  }

  private record Event(int party, String line) {}

  /**
   * @param parties the workers, started
   * @param holdTimeout how long every worker may take to hold its connections
   * @param checkTimeout how long the workers may take to answer {@code CHECK}
   * @param otherLines told every line that is not part of the protocol
   * @param atBarrier run once every worker has answered, before any is released
   * @return what happened; every worker has been sent {@code RELEASE} and end of input
   */
  static Outcome await(List<Party> parties, Duration holdTimeout, Duration checkTimeout,
      Consumer<String> otherLines, Check atBarrier) {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    for (int i = 0; i < parties.size(); i++) {
      read(i, parties.get(i), events, otherLines);
    }
    int k = parties.size();
    Holding[] holdings = new Holding[k];
    int[] still = new int[k];
    String failure;
    try {
      failure = collect(parties, events, holdTimeout, holdings, null);
      if (failure == null) {
        for (Party p : parties) {
          send(p, HoldProtocol.CHECK);
        }
        failure = collect(parties, events, checkTimeout, holdings, still);
      }
      if (failure == null) {
        try {
          atBarrier.run();
        } catch (IOException e) {
          failure = "the check at the barrier failed: " + e.getMessage();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    } finally {
      for (Party p : parties) {
        send(p, HoldProtocol.RELEASE);
        try {
          p.commands().close();
        } catch (IOException e) {
          // the worker has already gone: it has let go of its connections
        }
      }
    }
    return failure == null ? new Outcome(List.of(holdings), still, null)
        : new Outcome(List.of(), new int[0], failure);
  }

  /**
   * Waits for every party's {@code HOLDING} (when {@code still} is null) or {@code STILL}.
   *
   * @return why not, or null when every party has said it
   */
  private static String collect(List<Party> parties, BlockingQueue<Event> events,
      Duration timeout, Holding[] holdings, int[] still) throws InterruptedException {
    boolean[] said = new boolean[parties.size()];
    int count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    String expected = still == null ? HoldProtocol.HOLDING : HoldProtocol.STILL;
    while (count < parties.size()) {
      Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e == null) {
        return "after " + timeout.toSeconds() + " s, " + count + " of " + parties.size()
            + " workers had said " + expected;
      }
      String name = parties.get(e.party()).name();
      if (e.line() == null) {
        return name + " ended " + (holdings[e.party()] == null ? "before it held its connections"
            : "while it should have held its connections");
      }
      if (e.line().startsWith(HoldProtocol.FAILED)) {
        return name + ": " + e.line().substring(HoldProtocol.FAILED.length()).trim();
      }
      if (e.line().startsWith(expected + " ") && !said[e.party()]) {
        said[e.party()] = true;
        count++;
        if (still == null) {
          holdings[e.party()] = Holding.parse(e.line());
        } else {
          still[e.party()] = Integer.parseInt(e.line().substring(expected.length()).trim());
        }
      }
    }
    return null;
  }

  private static void read(int index, Party party, BlockingQueue<Event> events,
      Consumer<String> otherLines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(party.lines(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(HoldProtocol.HOLDING) || line.startsWith(HoldProtocol.STILL)
              || line.startsWith(HoldProtocol.FAILED)) {
            events.add(new Event(index, line));
          } else {
            otherLines.accept(line);
          }
        }
      } catch (IOException e) {
        otherLines.accept("lost the output of " + party.name() + ": " + e);
      }
      events.add(new Event(index, null));
    }, "barrier-reader-" + index);
    reader.setDaemon(true);
    reader.start();
  }

  private static void send(Party p, String command) {
    try {
      p.commands().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
      p.commands().flush();
    } catch (IOException e) {
      // the worker has already gone (its end is reported by its reader)
    }
  }
}
