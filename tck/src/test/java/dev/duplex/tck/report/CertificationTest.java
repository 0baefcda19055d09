package dev.duplex.tck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.reference.Fault;
import dev.duplex.tck.reference.ReferenceTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certification runner: verdicts, deviations shown, exit status, the three files. */
class CertificationTest {

  /** A reference transport that does not claim STRICT_UTF8 (and says why) nor permessage-deflate. */
  private static final class DeviatingProvider implements TransportProvider {
    private final ReferenceTransportProvider delegate = new ReferenceTransportProvider(EnumSet.of(Fault.SKIP_UTF8_VALIDATION));

    @Override
    public String name() {
      return "deviating";
    }

    @Override
    public Set<Capability> capabilities() {
      EnumSet<Capability> c = EnumSet.copyOf(delegate.capabilities());
      c.remove(Capability.STRICT_UTF8);
      c.remove(Capability.PERMESSAGE_DEFLATE);
      return c;
    }

    @Override
    public Map<Capability, String> knownDeviations() {
      return Map.of(Capability.STRICT_UTF8, "replaces invalid UTF-8 with U+FFFD");
    }

    @Override
    public Transport create(TransportConfig config) {
      return delegate.create(config);
    }
  }

  private static String run(String[] args, Path out, int[] status) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    status[0] = Certification.run(args, new PrintStream(console, true, StandardCharsets.UTF_8));
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void certifiesTheReferenceTransportFoundByServiceLoader_andWritesThreeFiles(@TempDir Path out) throws Exception {
    int[] status = new int[1];
    String text = run(new String[] {"--transport", "reference", "--out", out.toString()}, out, status);
    assertEquals(0, status[0], text);
    assertTrue(text.contains("reference  CERTIFIED"), text);
    assertTrue(text.contains("required_rfc6455_5_1_failsOnMaskedServerFrame"), "clause rows");
    assertTrue(Files.readString(out.resolve("report.json")).contains("\"name\": \"reference\""));
    assertTrue(Files.readString(out.resolve("report.html")).contains("<td class=\"pass\">"));
    assertTrue(Files.readString(out.resolve("report.txt")).contains("Verdict"));
  }

  @Test
  void failsWhenARequiredClauseFails_andShowsKnownDeviationsWithTheirReason(@TempDir Path out) {
    KitRunner runner = new KitRunner(8);
    TransportResult faulty = runner.run("faulty", new ReferenceTransportProvider(EnumSet.of(Fault.NO_MASK)));
    TransportResult deviating = runner.run("deviating", new DeviatingProvider());
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int status = Certification.report(List.of(faulty, deviating), out, new PrintStream(console, true, StandardCharsets.UTF_8));
    String text = console.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, "a failed required clause makes the exit status non-zero");
    ClauseResult masking = faulty.results().stream()
        .filter(r -> r.test().equals("required_rfc6455_5_3_masksEveryFrameWithFreshKey")).findFirst().orElseThrow();
    assertEquals(Outcome.FAIL, masking.outcome());
    assertTrue(deviating.certified(), "a declared deviation does not fail certification: " + text);
    assertTrue(deviating.count(Outcome.KNOWN_DEVIATION) >= 5, "the strict UTF-8 clauses are deviations");
    assertTrue(deviating.count(Outcome.NOT_CLAIMED) >= 5, "the deflate clauses are not claimed");
    assertTrue(text.contains("known deviation: replaces invalid UTF-8 with U+FFFD"), "the reason is printed: " + text);
    assertTrue(text.contains("faulty     NOT CERTIFIED"), text);
  }

  @Test
  void reportsEveryClauseFailedForAProviderThatCannotLoad() {
    TransportResult r = KitRunner.unloadable("broken", new IllegalStateException("missing class"));
    assertEquals(ClauseCatalog.entries().size(), r.count(Outcome.FAIL));
    assertTrue(!r.certified());
  }

  @Test
  void certifiesEveryProviderOnTheClassPath_andFailsForOneThatCannotLoad(@TempDir Path out) {
    int[] status = new int[1];
    String text = run(new String[] {"--out", out.toString()}, out, status);
    assertEquals(1, status[0], "a provider that cannot load fails certification: " + text);
    assertTrue(text.contains("reference  CERTIFIED"), text);
    assertTrue(text.contains("(failed to load)") && text.contains("NOT CERTIFIED"), text);
  }
}
