package org.varl.cli.tour;

import java.util.List;

/**
 * What a section shows in the report: the lecture's {@code claim} (one or two sentences), its {@code figures}
 * (PNG files relative to the section's directory, each with a caption), and {@code findings}: a few lines saying
 * what the measured numbers show. {@code metrics} lists the metric files written (relative paths), linked from the
 * report.
 */
public record TourResult(String claim, List<Figure> figures, List<String> findings, List<String> metrics) {

  public TourResult {
    figures = List.copyOf(figures);
    findings = List.copyOf(findings);
    metrics = List.copyOf(metrics);
  }

  /** A PNG figure of the section. */
  public record Figure(String file, String caption) {}
}
