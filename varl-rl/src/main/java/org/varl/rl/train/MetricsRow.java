package org.varl.rl.train;

import java.util.Locale;

/**
 * One row of a run's {@code metrics.csv} (header {@link #HEADER}): either a finished training
 * episode (its return and length) or an evaluation (mean and population standard deviation of its
 * deterministic returns); the other group is empty. The loss columns are means over the updates
 * since the previous row ({@code losses/critic}, {@code losses/actor}, {@code train/alpha}, {@code
 * train/entropy} in SB3's words), empty before learning starts; {@code updates_per_second} counts
 * gradient updates per wall-clock second over the same span (it alone differs between two runs of
 * the same seed).
 */
public record MetricsRow(
    long step,
    long episode,
    double episodeReturn,
    long episodeLength,
    double evalReturnMean,
    double evalReturnStd,
    double criticLoss,
    double actorLoss,
    double alpha,
    double entropy,
    double updatesPerSecond) {

  /** The CSV header. */
  public static final String HEADER =
      "step,episode,episode_return,episode_length,eval_return_mean,eval_return_std,critic_loss,"
          + "actor_loss,alpha,entropy,updates_per_second";

  /** Number of columns. */
  public static final int COLUMNS = 11;

  /** The row as 11 doubles in column order (counts exact below 2^53; a missing length is −1). */
  public double[] values() {
    return new double[] {
      step,
      episode,
      episodeReturn,
      episodeLength,
      evalReturnMean,
      evalReturnStd,
      criticLoss,
      actorLoss,
      alpha,
      entropy,
      updatesPerSecond
    };
  }

  /** The row of {@link #values()}. */
  public static MetricsRow fromValues(double[] v) {
    if (v.length != COLUMNS) {
      throw new IllegalArgumentException(
          "a metrics row has " + COLUMNS + " values, found " + v.length);
    }
    return new MetricsRow(
        (long) v[0], (long) v[1], v[2], (long) v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
  }

  /** Whether this row is an evaluation. */
  public boolean isEvaluation() {
    return !Double.isNaN(evalReturnMean);
  }

  /** The row as CSV; NaN is an empty cell; round-trip digits. */
  public String csv() {
    return step
        + ","
        + episode
        + ","
        + cell(episodeReturn)
        + ","
        + (episodeLength < 0 ? "" : Long.toString(episodeLength))
        + ","
        + cell(evalReturnMean)
        + ","
        + cell(evalReturnStd)
        + ","
        + cell(criticLoss)
        + ","
        + cell(actorLoss)
        + ","
        + cell(alpha)
        + ","
        + cell(entropy)
        + ","
        + (Double.isNaN(updatesPerSecond)
            ? ""
            : String.format(Locale.ROOT, "%.1f", updatesPerSecond));
  }

  private static String cell(double x) {
    return Double.isNaN(x) ? "" : Double.toString(x);
  }

  /** Parses what {@link #csv()} wrote. */
  public static MetricsRow parse(String line) {
    String[] c = line.split(",", -1);
    if (c.length != 11) {
      throw new IllegalArgumentException(
          "metrics row must have 11 columns, found " + c.length + ": " + line);
    }
    return new MetricsRow(
        Long.parseLong(c[0]),
        Long.parseLong(c[1]),
        real(c[2]),
        c[3].isEmpty() ? -1 : Long.parseLong(c[3]),
        real(c[4]),
        real(c[5]),
        real(c[6]),
        real(c[7]),
        real(c[8]),
        real(c[9]),
        real(c[10]));
  }

  private static double real(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }
}
