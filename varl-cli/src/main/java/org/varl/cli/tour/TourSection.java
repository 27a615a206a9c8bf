package org.varl.cli.tour;

/**
 * One experiment of the tour. {@link #run} writes metrics (CSV/JSON) and PNG figures into {@code
 * context.dir()} (the section's own directory, already created) and returns what the report shows.
 * Findings must be computed from the run's numbers, never written in advance.
 */
public interface TourSection {

  /**
   * Short identifier, used as the section's directory name and HTML anchor, e.g. {@code "control"}.
   */
  String id();

  /** Heading in the report. */
  String title();

  /** Runs the experiment on its embedded defaults. */
  TourResult run(TourContext context) throws Exception;
}
