package dev.duplex.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.bench.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table, CSV, JSON and PNG writers say what the results say. */
class WritersTest {
  private static Result r(String client, String kind, String scenario, String unit,
      boolean higher, double median) {
    return new Result(client, kind, scenario, "32 B x128", unit, higher, median, median * 0.9,
        median * 1.1, 5, 1.0, 0.5, "");
  }

  private static Report report() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cpu", "test cpu x 2 cpus");
    machine.put("java", "test, \"quoted\"");
    List<Result> results = List.of(
        r("raw-tcp", "ceiling", "echo", "msg/s", true, 2_000_000),
        r("jdk", "peer", "echo", "msg/s", true, 100_000),
        r("netty", "peer", "echo", "msg/s", true, 500_000),
        r("nio (api)", "duplex_api", "echo", "msg/s", true, 1_000_000),
        Result.missing("okhttp (api)", "duplex_api", "echo", "32 B x128", "msg/s", true,
            "failed: refused, \"really\""),
        r("jdk", "peer", "idle heap", "B/conn", false, 60_000),
        r("netty", "peer", "idle heap", "B/conn", false, 3_000),
        r("nio (api)", "duplex_api", "idle heap", "B/conn", false, 1_500),
        new Result("nio (api)", "duplex_api", "latency p50", "32 B", "us", false, 16.8, 16, 18, 5,
            0.5, 0.25, "raw TCP 16.0 us in the same turns (30 each), samples x1.03 to x1.07", 16,
            1.05));
    return new Report("quick", machine, results, List.of("a note"));
  }

  @Test
  void ratios_compareWithTheBestPeerInvertingLowerIsBetterUnits() {
    Report rep = report();
    assertEquals(2.0, rep.ratioToBestPeer(rep.find("nio (api)", "echo 32 B x128").get()), 1e-9);
    assertEquals(0.2, rep.ratioToBestPeer(rep.find("jdk", "echo 32 B x128").get()), 1e-9);
    assertEquals(2.0, rep.ratioToBestPeer(rep.find("nio (api)", "idle heap 32 B x128").get()), 1e-9);
    assertEquals("netty", rep.bestPeer("echo 32 B x128").get().client());
  }

  @Test
  void textTable_showsMedianMinMaxAndRatioForEveryRowAndTheMissingReason() {
    String t = TableWriter.text(report());
    assertTrue(t.contains("echo 32 B x128 (msg/s, higher is better)"), t);
    String nio = t.lines().filter(l -> l.trim().startsWith("nio (api)")).findFirst().orElseThrow();
    assertTrue(nio.matches(".*1\\.00M\\s+900k\\s+1\\.10M\\s+2\\.00x\\s+100%\\s+50%\\s+667k.*"), nio);
    assertTrue(t.contains("failed: refused, \"really\""), t);
    assertTrue(t.contains("a note"), t);
    String latency = t.lines().filter(l -> l.trim().startsWith("nio (api)") && l.contains("16.8"))
        .findFirst().orElseThrow();
    assertTrue(latency.matches(".*16\\.8\\s+16\\.0\\s+18\\.0\\s+-\\s+50%\\s+25%\\s+-\\s+x1\\.05"
        + "\\s+raw TCP 16\\.0 us in the same turns.*"), latency);
  }

  @Test
  void csv_hasTheHeaderAndOneQuotedLinePerFigure() {
    List<String> lines = CsvWriter.write(report()).lines().toList();
    assertEquals(CsvWriter.HEADER, lines.get(0));
    assertEquals(1 + report().results().size(), lines.size());
    assertEquals("nio (api),duplex_api,echo,32 B x128,msg/s,true,1000000,900000,1100000,5,2,1,0.5,"
        + "666667,,,",
        lines.get(4));
    assertTrue(lines.get(5).endsWith(",,,,0,,,,,,,\"failed: refused, \"\"really\"\"\""), lines.get(5));
    assertEquals("nio (api),duplex_api,latency p50,32 B,us,false,16.8,16,18,5,,0.5,0.25,,16,1.05,"
        + "\"raw TCP 16.0 us in the same turns (30 each), samples x1.03 to x1.07\"", lines.get(9));
    int columns = CsvWriter.HEADER.split(",").length;
    assertEquals(columns, lines.get(4).split(",", -1).length);
  }

  @Test
  void json_escapesStringsAndWritesMissingNumbersAsNull() {
    String json = JsonWriter.write(report());
    assertTrue(json.contains("\"java\": \"test, \\\"quoted\\\"\""), json);
    assertTrue(json.contains("{\"client\": \"okhttp (api)\", \"kind\": \"duplex_api\", \"scenario\":"
        + " \"echo\", \"param\": \"32 B x128\", \"unit\": \"msg/s\", \"higherIsBetter\": true,"
        + " \"median\": null, \"min\": null"), json);
    assertTrue(json.contains("\"ratioToBestPeer\": 2,"), json);
    assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
    assertEquals(report().results().size(), json.split("\"client\":").length - 1);
    assertTrue(json.contains("\"rawInterleaved\": 16, \"ratioToRawInterleaved\": 1.05, \"note\":"),
        json);
  }

  @Test
  void png_isAReadableImageWithAPanelPerScenario(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("chart.png");
    ChartWriter.write(report(), png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(Files.size(png) > 1000);
    assertTrue(img.getWidth() > 1000 && img.getHeight() > 100, img.getWidth() + "x" + img.getHeight());
    // The nio bar of the echo panel is the longest of its panel: drawn in the api blue.
    boolean blue = false;
    for (int x = 0; x < img.getWidth() && !blue; x++) {
      for (int y = 0; y < img.getHeight() && !blue; y++) {
        blue = (img.getRGB(x, y) & 0xffffff) == 0x1f77b4;
      }
    }
    assertTrue(blue, "no api bar drawn");
  }

  @Test
  void markdown_hasASummaryRowPerScenarioAndARowPerFigureWithElevenCells() {
    String md = TableWriter.markdown(report());
    List<String> rows = md.lines().filter(l -> l.startsWith("| echo") || l.startsWith("| idle")
        || l.startsWith("| latency")).toList();
    assertEquals(3 + report().results().size(), rows.size());
    assertTrue(rows.get(0).startsWith("| echo 32 B x128 (msg/s) | 2.00M (4.00x) | 100k (0.20x) | 500k (1.00x)"
        + " | 1.00M (2.00x) | - |"), rows.get(0));
    String figure = rows.stream().filter(l -> l.contains("| nio (api) | 1.00M")).findFirst()
        .orElseThrow();
    assertEquals(12, figure.split("(?<!\\\\)\\|", -1).length - 1, figure);
    assertTrue(md.contains("| latency p50 32 B (us) | nio (api) | 16.8 | 16.0 | 18.0 | - | 50% | 25%"
        + " | - | x1.05 | raw TCP 16.0 us in the same turns"), md);
  }
}
