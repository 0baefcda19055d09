package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.spi.Capability;
import dev.duplex.spi.TransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documentation's capability and deviation tables say what each transport's
 * {@code capabilities()} and {@code knownDeviations()} say, for every transport on the class path
 * (all three are runtime dependencies of this module), so the tables cannot drift from the code.
 * Each table follows a marker comment naming this class.
 */
class TransportTableTest {
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  private static List<TransportProvider> providers() {
    List<TransportProvider> found = new ArrayList<>();
    ServiceLoader.load(TransportProvider.class).forEach(found::add);
    return found;
  }

  /** The rows of the table right after the line starting with {@code marker}, header first. */
  private static List<List<String>> table(String file, String marker) throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve(file));
    int at = 0;
    while (at < lines.size() && !lines.get(at).startsWith(marker)) {
      at++;
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      if (!lines.get(i).startsWith("|---")) {
        rows.add(cells(lines.get(i)));
      }
    }
    if (rows.size() < 2) {
      throw new AssertionError(file + " has no table after a line starting " + marker);
    }
    return rows;
  }

  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>(Arrays.asList(row.strip().split("\\|")));
    cells.removeIf(String::isBlank);
    return cells.stream().map(c -> c.strip().replace("`", "")).toList();
  }

  private static String yesNo(TransportProvider p, Capability c) {
    return p.capabilities().contains(c) ? "yes" : "no";
  }

  @Test
  void readme_capabilityTable_matchesWhatEachProviderClaims() throws IOException {
    List<List<String>> rows = table("README.md", "<!-- capabilities-table:");
    List<Capability> columns =
        rows.get(0).subList(1, rows.get(0).size()).stream().map(Capability::valueOf).toList();
    TreeMap<String, String> documented = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(r ->
        documented.put(r.get(0), String.join(" | ", r.subList(1, r.size()))));
    TreeMap<String, String> claimed = new TreeMap<>();
    providers().forEach(p -> claimed.put(p.name(),
        columns.stream().map(c -> yesNo(p, c)).collect(Collectors.joining(" | "))));
    assertEquals(claimed, documented, "update the capability table in README.md");
  }

  @Test
  void docs_capabilityRows_matchWhatEachProviderClaims() throws IOException {
    List<List<String>> rows = table("docs/transports.md", "<!-- capability-rows:");
    List<String> transports = rows.get(0).subList(2, rows.get(0).size());
    TreeMap<String, String> documented = new TreeMap<>();
    TreeMap<String, String> claimed = new TreeMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      Capability c = Capability.valueOf(row.get(0));
      documented.put(c.name(), String.join(" | ", row.subList(2, row.size())));
      claimed.put(c.name(), transports.stream()
          .map(t -> providers().stream().filter(p -> p.name().equals(t)).findFirst()
              .map(p -> yesNo(p, c)).orElse("not on the class path"))
          .collect(Collectors.joining(" | ")));
    }
    assertEquals(claimed, documented, "update the capability rows of docs/transports.md");
    assertEquals(new TreeSet<>(providers().stream().map(TransportProvider::name).toList()),
        new TreeSet<>(transports), "docs/transports.md has a column per transport");
  }

  @Test
  void docs_deviationRows_matchEveryProvidersKnownDeviations() throws IOException {
    List<List<String>> rows = table("docs/transports.md", "<!-- deviation-rows:");
    TreeMap<String, String> documented = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(r -> documented.put(r.get(0), r.get(1)));
    TreeMap<String, String> declared = new TreeMap<>();
    providers().forEach(p -> declared.put(p.name(), p.knownDeviations().isEmpty() ? "none"
        : new TreeSet<>(p.knownDeviations().keySet()).stream().map(Capability::name)
            .collect(Collectors.joining(", "))));
    assertEquals(declared, documented, "update the deviation rows of docs/transports.md");
  }

  @Test
  void readme_transportTable_listsEveryProviderWithItsPriorityAndDeviations() throws IOException {
    List<List<String>> rows = table("README.md", "<!-- transports-table:");
    TreeMap<String, String> documented = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(r -> documented.put(r.get(0),
        "duplex-transport-" + r.get(0) + " | " + r.get(2).split(" ")[0] + " | "
            + (r.get(4).startsWith("none") ? "none" : "some")));
    TreeMap<String, String> actual = new TreeMap<>();
    providers().forEach(p -> actual.put(p.name(), "duplex-transport-" + p.name() + " | "
        + p.priority() + " | " + (p.knownDeviations().isEmpty() ? "none" : "some")));
    rows.subList(1, rows.size()).forEach(r ->
        assertEquals("duplex-transport-" + r.get(0), r.get(1), "the artifact of " + r.get(0)));
    assertEquals(actual, documented, "update the transport table in README.md");
  }
}
