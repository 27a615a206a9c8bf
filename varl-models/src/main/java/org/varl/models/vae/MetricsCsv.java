package org.varl.models.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.io.AtomicFiles;

/**
 * {@code metrics.csv} of a run: header {@link EpochMetrics#HEADER}, one row per epoch, rewritten
 * atomically.
 */
public final class MetricsCsv {

  /** File name inside a run directory. */
  public static final String FILE = "metrics.csv";

  private MetricsCsv() {}

  /** Writes all rows (the whole file, atomically). */
  public static void write(Path file, List<EpochMetrics> rows) {
    StringBuilder sb = new StringBuilder(EpochMetrics.HEADER).append('\n');
    for (EpochMetrics m : rows) {
      sb.append(m.csv()).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** Reads the rows of a metrics file; a missing file has no rows. */
  public static List<EpochMetrics> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty() || !lines.get(0).equals(EpochMetrics.HEADER)) {
        throw new IllegalArgumentException(
            file + " does not start with the header " + EpochMetrics.HEADER);
      }
      List<EpochMetrics> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          rows.add(EpochMetrics.parse(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
