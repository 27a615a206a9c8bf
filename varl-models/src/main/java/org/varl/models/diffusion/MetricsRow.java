package org.varl.models.diffusion;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.varl.core.io.AtomicFiles;

/**
 * One row of a diffusion or flow run's {@code metrics.csv}: after {@code step} steps, the mean
 * training loss over the last interval (nats per example for the VLB, the squared error per example
 * otherwise), the interval's training speed and the run's elapsed training seconds.
 */
public record MetricsRow(long step, double loss, double stepsPerSecond, double elapsedSeconds) {

  /** File name inside a run directory. */
  public static final String FILE = "metrics.csv";

  /** The header, CleanRL-style stable names. */
  public static final String HEADER =
      "step,train/loss,charts/steps_per_second,charts/elapsed_seconds";

  /** Writes the rows atomically. */
  public static void write(Path file, List<MetricsRow> rows) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (MetricsRow r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d,%.6g,%.2f,%.3f%n",
              r.step,
              r.loss,
              r.stepsPerSecond,
              r.elapsedSeconds));
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** The rows as a flat {@code [n, 4]} array (for the checkpoint). */
  public static double[] flatten(List<MetricsRow> rows) {
    double[] out = new double[rows.size() * 4];
    for (int i = 0; i < rows.size(); i++) {
      MetricsRow r = rows.get(i);
      out[4 * i] = r.step;
      out[4 * i + 1] = r.loss;
      out[4 * i + 2] = r.stepsPerSecond;
      out[4 * i + 3] = r.elapsedSeconds;
    }
    return out;
  }

  /** Inverse of {@link #flatten}. */
  public static List<MetricsRow> unflatten(double[] flat) {
    MetricsRow[] rows = new MetricsRow[flat.length / 4];
    for (int i = 0; i < rows.length; i++) {
      rows[i] =
          new MetricsRow((long) flat[4 * i], flat[4 * i + 1], flat[4 * i + 2], flat[4 * i + 3]);
    }
    return List.of(rows);
  }
}
