package org.varl.models.flow;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.varl.core.io.AtomicFiles;

/**
 * One metrics row of a flow-matching run, every {@code logEvery} steps: {@code train/loss} the mean
 * CFM loss of the steps since the last row, {@code train/loss_ema} the peer's exponential average
 * (0.99), {@code charts/steps_per_second} the throughput since the last row.
 */
public record FlowMetrics(long step, double loss, double lossEma, double stepsPerSecond) {

  /** File name inside a run directory. */
  public static final String FILE = "metrics.csv";

  /** The CSV header. */
  public static final String HEADER = "step,train/loss,train/loss_ema,charts/steps_per_second";

  /** Values per row in the checkpoint's history tensor. */
  static final int COLUMNS = 4;

  /** The CSV line. */
  public String csv() {
    return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.1f", step, loss, lossEma, stepsPerSecond);
  }

  /** Writes all rows (the whole file, atomically). */
  public static void write(Path file, List<FlowMetrics> rows) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (FlowMetrics m : rows) {
      sb.append(m.csv()).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
