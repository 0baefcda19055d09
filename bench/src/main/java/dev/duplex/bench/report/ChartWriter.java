package dev.duplex.bench.report;

import dev.duplex.bench.Result;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG chart of a run: one panel per scenario, one horizontal bar per client, the bar's length
 * being how good the figure is relative to the best in that panel (so longer is always better,
 * for time and memory too), labelled with the figure itself. Drawn with java.awt in headless
 * mode.
 *
 * <p>Threading: stateless.
 */
public final class ChartWriter {
  private static final int PANEL_W = 460;
  private static final int BAR_H = 15;
  private static final int LABEL_W = 110;
  private static final int COLUMNS = 3;

  private ChartWriter() {}

  /**
   * @param report the run
   * @return the chart
   */
  public static BufferedImage draw(Report report) {
    System.setProperty("java.awt.headless", "true");
    List<String> keys = report.keys();
    List<String> clients = report.clients();
    int panelH = 30 + clients.size() * (BAR_H + 3) + 10;
    int rows = (keys.size() + COLUMNS - 1) / COLUMNS;
    int width = COLUMNS * PANEL_W + 20;
    int height = 50 + Math.max(1, rows) * panelH;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Duplex bench (" + report.mode() + "): bar = relative to the best WebSocket"
        + " row of each panel, longer is better", 10, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString("grey: raw TCP, orange: libraries used directly, blue: Duplex api, light blue:"
        + " Duplex spi. " + report.machine().getOrDefault("cpu", "") + ", "
        + report.machine().getOrDefault("java", ""), 10, 38);
    for (int k = 0; k < keys.size(); k++) {
      int x0 = 10 + (k % COLUMNS) * PANEL_W;
      int y0 = 50 + (k / COLUMNS) * panelH;
      panel(g, report, keys.get(k), clients, x0, y0);
    }
    g.dispose();
    return img;
  }

  private static void panel(Graphics2D g, Report report, String key, List<String> clients,
      int x0, int y0) {
    List<Result> rs = report.forKey(key);
    Result first = rs.get(0);
    // Scaled to the best WebSocket row, so that the raw-TCP ceiling does not flatten the rest;
    // a ceiling beyond it is drawn full length with its figure.
    double best = Double.NaN;
    double worst = 0;
    for (Result r : rs) {
      if (r.present()) {
        worst = Math.max(worst, r.median());
      }
      if (r.present() && !r.kind().equals("ceiling") && (Double.isNaN(best)
          || (first.higherIsBetter() ? r.median() > best : r.median() < best))) {
        best = r.median();
      }
    }
    // Lower-is-better figures near zero (threads per connection) compare with a small floor.
    double floor = first.higherIsBetter() ? 0 : worst / 100;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(key + " (" + first.unit() + (first.higherIsBetter() ? ", higher" : ", lower")
        + " is better)", x0, y0 + 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int barMax = PANEL_W - LABEL_W - 70;
    for (int i = 0; i < clients.size(); i++) {
      int y = y0 + 26 + i * (BAR_H + 3);
      String client = clients.get(i);
      g.setColor(Color.DARK_GRAY);
      g.drawString(client, x0, y + BAR_H - 3);
      Result r = rs.stream().filter(x -> x.client().equals(client)).findFirst().orElse(null);
      if (r == null || !r.present() || Double.isNaN(best)) {
        g.drawString(r == null ? "" : "n/a", x0 + LABEL_W, y + BAR_H - 3);
        continue;
      }
      double rel = Report.ratio(r.median() + floor, best + floor, r.higherIsBetter());
      int len = (int) Math.max(1, Math.round(barMax * Math.min(1, rel)));
      g.setColor(color(r.kind()));
      g.fillRect(x0 + LABEL_W, y, len, BAR_H);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1));
      g.drawString(Format.human(r.median()), x0 + LABEL_W + len + 4, y + BAR_H - 3);
    }
  }

  private static Color color(String kind) {
    switch (kind) {
      case "ceiling":
        return new Color(0x9e9e9e);
      case "duplex_api":
        return new Color(0x1f77b4);
      case "duplex_spi":
        return new Color(0x8fbce0);
      default:
        return new Color(0xff7f0e);
    }
  }

  /**
   * @param report the run
   * @param file where to write the PNG
   * @throws IOException if it cannot be written
   */
  public static void write(Report report, Path file) throws IOException {
    if (!ImageIO.write(draw(report), "png", file.toFile())) {
      throw new IOException("No PNG writer in this JVM");
    }
  }
}
