package org.varl.cli.tour;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.varl.core.io.AtomicFiles;

/**
 * Writes the tour's {@code index.html}: one section per experiment with its claim, figures and
 * findings.
 */
public final class TourReport {

  /** A section's outcome: its result, or the error that stopped it, and how long it ran. */
  public record Entry(TourSection section, TourResult result, String error, Duration elapsed) {}

  private TourReport() {}

  /** Writes {@code dir/index.html} atomically. */
  public static void write(Path dir, List<Entry> entries, long seed) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>varl tour</title><style>")
        .append(
            "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
        .append("h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}")
        .append(".claim{background:#f4f6fa;border-left:4px solid #4a6fa5;padding:.6em 1em}")
        .append("figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}")
        .append(
            "figcaption{font-size:.9em;color:#555}.err{color:#b00}.meta{color:#777;font-size:.85em}")
        .append(".fails{color:#b00}")
        .append("</style></head><body>\n<h1>varl tour: variational inference in RL</h1>\n")
        .append(
            "<p class=\"meta\">Every experiment below ran just now on its embedded defaults (seed ")
        .append(seed)
        .append("); the findings are computed from this run's numbers.</p>\n<ul>\n");
    for (Entry e : entries) {
      h.append("<li><a href=\"#")
          .append(esc(e.section().id()))
          .append("\">")
          .append(esc(e.section().title()))
          .append("</a></li>\n");
    }
    h.append("</ul>\n");
    for (Entry e : entries) {
      String id = e.section().id();
      h.append("<h2 id=\"")
          .append(esc(id))
          .append("\">")
          .append(esc(e.section().title()))
          .append("</h2>\n");
      h.append("<p class=\"meta\">ran in ")
          .append(String.format("%.1f", e.elapsed().toMillis() / 1000.0))
          .append(" s</p>\n");
      if (e.result() == null) {
        h.append("<p class=\"err\">This section failed: ").append(esc(e.error())).append("</p>\n");
        continue;
      }
      TourResult r = e.result();
      h.append("<p class=\"claim\"><b>The lecture:</b> ").append(esc(r.claim())).append("</p>\n");
      if (!r.findings().isEmpty()) {
        h.append("<p><b>What this run shows:</b></p><ul>\n");
        for (String f : r.findings()) {
          if (f.startsWith(TourResult.DOES_NOT_HOLD)) {
            h.append("<li class=\"fails\"><b>Does not hold:</b> ")
                .append(esc(f.substring(TourResult.DOES_NOT_HOLD.length())))
                .append("</li>\n");
          } else {
            h.append("<li>").append(esc(f)).append("</li>\n");
          }
        }
        h.append("</ul>\n");
      }
      for (TourResult.Figure f : r.figures()) {
        String src = id + "/" + f.file();
        h.append("<figure><img src=\"")
            .append(esc(src))
            .append("\" alt=\"")
            .append(esc(f.caption()))
            .append("\"><figcaption>")
            .append(esc(f.caption()))
            .append("</figcaption></figure>\n");
      }
      if (!r.metrics().isEmpty()) {
        h.append("<p class=\"meta\">Metrics: ");
        for (String m : r.metrics()) {
          h.append("<a href=\"")
              .append(esc(id + "/" + m))
              .append("\">")
              .append(esc(m))
              .append("</a> ");
        }
        h.append("</p>\n");
      }
    }
    h.append("</body></html>\n");
    AtomicFiles.writeString(dir.resolve("index.html"), h.toString());
  }

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
