package org.varl.cli.tour;

import java.util.List;

/**
 * What a section shows in the report: the lecture's {@code claim} (one or two sentences), its
 * {@code figures} (PNG files relative to the section's directory, each with a caption), and {@code
 * findings}: a few lines saying what the measured numbers show. A finding whose claim this run does
 * not reproduce starts with {@link #DOES_NOT_HOLD} (see {@link #finding}) and the report flags it.
 * {@code metrics} lists the metric files written (relative paths), linked from the report.
 */
public record TourResult(
    String claim, List<Figure> figures, List<String> findings, List<String> metrics) {

  /** The start of a finding whose claim does not hold in this run. */
  public static final String DOES_NOT_HOLD = "Does not hold: ";

  public TourResult {
    figures = List.copyOf(figures);
    findings = List.copyOf(findings);
    metrics = List.copyOf(metrics);
  }

  /**
   * {@code text} when its claim {@code holds} in this run, else {@code text} flagged with {@link
   * #DOES_NOT_HOLD}.
   */
  public static String finding(boolean holds, String text) {
    return holds ? text : DOES_NOT_HOLD + text;
  }

  /** A PNG figure of the section. */
  public record Figure(String file, String caption) {}
}
