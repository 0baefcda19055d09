package dev.duplex.bench.report;

import java.util.Map;

/**
 * A run as a Markdown document (RESULTS.md): how to reproduce it, the machine, the method, the
 * chart and the tables.
 *
 * <p>Threading: stateless.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * @param report the run
   * @param png the chart's file name, relative to the Markdown file
   * @return the document
   */
  public static String write(Report report, String png) {
    StringBuilder md = new StringBuilder("# Duplex bench results (" + report.mode() + " mode)\n\n");
    md.append("Reproduce from the repository's root:\n\n```\nmvn -B -ntp -q -pl bench -am package"
        + " -DskipTests && java -jar bench/target/duplex-bench.jar --" + report.mode()
        + " --publish\n```\n\n## Machine\n\n");
    for (Map.Entry<String, String> e : report.machine().entrySet()) {
      md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    md.append("\n## Method\n\n").append(METHOD).append("\n## Results\n\n![chart](").append(png)
        .append(")\n\n").append(TableWriter.markdown(report));
    return md.toString();
  }

  private static final String METHOD = String.join("\n",
      "- One Netty 4.2 (NIO) WebSocket echo server in its own JVM on loopback serves every row;"
          + " raw TCP goes through the same Netty server (an echo handler without WebSocket), so"
          + " the gap between raw TCP and the best WebSocket row shows the server is not the"
          + " limit. Netty's handshaker checks every client's opening handshake; the echo then"
          + " runs cut-through: each frame's header is parsed as it arrives and its payload"
          + " forwarded as it arrives, unmasked in place, behind a server header with the same"
          + " FIN, opcode and length, never aggregated or copied, so a WebSocket echo costs the"
          + " server about what a raw-TCP echo does and every client gets back exactly the frames"
          + " it sent. The server's CPU while each figure was sampled is in the 'server cpu' column"
          + " (100% = one core).",
      "- Each row runs in a fresh worker JVM; idle-connection figures each in another fresh JVM.",
      "- Each figure is the median of the samples taken after a warm-up, with min and max;"
          + " every ratio compares figures of the same run. 'vs best peer' is how many times"
          + " better than the best of jdk, jetty, okhttp and netty (> 1 is better, for times and"
          + " memory too).",
      "- echo: binary messages over one connection, each echo triggering the next, with N in"
          + " flight (128, capped at 8 MiB in flight: 8 for 1 MiB). msg/s up to 4 KiB, MB/s"
          + " (10^6 bytes of echoed payload per second) above. At 1 MiB, where raw TCP's own"
          + " throughput moves by a factor of two from one moment to the next here, the echo is"
          + " measured in turns with raw TCP's (the raw-tcp row's code, on a connection of its own"
          + " through the same server, in the same worker): the row's pipelined echo for a 30 ms"
          + " window, then raw TCP's, and so on, at least 10 turns each a sample; a turn's kick,"
          + " pipeline fill, one pipeline's worth of settling echoes and drain are not counted, and"
          + " only one lane has messages in flight at a time (row, raw, raw, row, ...). 'of raw"
          + " interleaved' is then the row's throughput over raw TCP's over all the samples'"
          + " windows together (x0.85: 85% of raw TCP; the note gives the samples' own ratios),"
          + " and the 1 MiB target is judged on it; the raw-tcp"
          + " row's, raw TCP against raw TCP, is the check (x1.00 when the method holds).",
      "- latency: one message at a time, the next sent as soon as the echo of one has been read,"
          + " by the thread that read it (the client's I/O thread; raw TCP: a selector loop on a"
          + " thread of its own); p50/p99/p99.9 of the round trip in microseconds. On this"
          + " virtual machine a round trip is several times slower whenever it wakes a thread on"
          + " the other vCPU (see 'cpu idle' above), which depends on the machine's state more"
          + " than on the row, and changes within a second. So each row's latency is measured in"
          + " turns interleaved with raw TCP's (the raw-tcp row's code, on a connection of its"
          + " own through the same server, in the same worker): 15 ms of the row's ping-pong,"
          + " 15 ms of raw TCP's, and so on through every sample, each into its own histogram, so"
          + " that both meet the same fast and slow moments. A turn's first three round trips"
          + " (the first sent by the driver after the pause) are not recorded. 'of raw"
          + " interleaved' is the median over the samples of the row's percentile over raw TCP's"
          + " in the same sample's turns (x1.05: 5% slower), and the p50 target is judged on it;"
          + " the note gives raw TCP's figure. The raw-tcp row is raw TCP interleaved with raw"
          + " TCP: its ratio, x1.00 when the method holds, is the check of each run.",
      "- stream: the server sends binary messages as fast as the socket takes them; MB/s"
          + " received.",
      "- setup: WebSocket handshakes completed per second, 32 at a time, each closed once open.",
      "- idle heap / threads: N connections held open; heap in use after full GCs and live"
          + " threads, minus the figures before opening, divided by N. Heap only (Netty's"
          + " pooled direct memory is not counted).",
      "- A count one process's open-file limit cannot hold (100,000 against a hard limit of"
          + " 20,000) is spread evenly over several client JVMs, each against an echo-server JVM"
          + " of its own; every worker reports its connections while all of them hold, and the"
          + " harness adds them up, and asks the servers, before any lets go: 'held at once' is"
          + " the smaller of the two sums; heap and threads per connection are the workers' sums"
          + " over the count. Rows that would need a thread per connection beyond what the kernel"
          + " allows, or more memory than the machine has, are not attempted (the reason is in"
          + " the table).",
      "- api rows use the W3C API (one WebSocketContext, default event loop, ArrayBuffer"
          + " messages); spi rows drive the same transport's spi Connection directly, so api vs"
          + " spi is the cost of the W3C layer.",
      "");
}
