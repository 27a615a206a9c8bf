package org.varl.models.ssm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.ReplayFrames;

/**
 * A replay directory of {@code varl rl collect} ({@link ReplayFrames}) read as sequences: each
 * episode is cut into consecutive non-overlapping windows of {@code window} steps from its first
 * step (a remainder shorter than the window is dropped); observation t of a window is frame t
 * flattened row-major ({@code size²} values in [0, 1]), action t the action taken from it (it acts
 * on the transition to t + 1, as in {@link SequenceData}). The true states of the frames ride along
 * for probes, never for training.
 *
 * @param data the windows, in the order of the directory's steps (so {@link SequenceData#heldOut()}
 *     is the last episodes)
 * @param stateNames names of the state columns ({@code cos_theta, sin_theta, theta, theta_dot} for
 *     Pendulum)
 * @param states the states, {@code states[(s·T + t)·m + j]} for window s, step t, column j
 * @param imageSize frame side
 * @param firstSteps the directory's step index of each window's first frame
 */
public record ReplaySequences(
    SequenceData data, List<String> stateNames, double[] states, int imageSize, int[] firstSteps) {

  /** The state of window s at step t as {@code [m]}. */
  public double[] state(int s, int t) {
    int m = stateNames.size();
    double[] row = new double[m];
    System.arraycopy(states, (s * data.length() + t) * m, row, 0, m);
    return row;
  }

  /**
   * Reads {@code dir} cut into windows of {@code window} steps.
   *
   * @throws IllegalArgumentException one line for a missing or inconsistent directory (the messages
   *     of {@link ReplayFrames#load}), a {@code steps.csv} that does not fit, or fewer than {@code
   *     minSequences} windows
   */
  public static ReplaySequences read(Path dir, int window, int minSequences) {
    if (window < 1) {
      throw new IllegalArgumentException("--window must be >= 1, found " + window);
    }
    ArrayDataset frames = ReplayFrames.load(dir, "replay");
    int n = frames.size();
    int dx = frames.dimension();
    int side = frames.imageShape()[0];
    Path stepsFile = dir.resolve(ReplayFrames.STEPS);
    List<String> lines;
    try {
      lines = Files.readAllLines(stepsFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stepsFile + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(stepsFile + ": empty, expected a header");
    }
    String[] header = lines.get(0).split(",", -1);
    List<Integer> actionColumns = new ArrayList<>();
    int episodeColumn = -1;
    for (int c = 0; c < header.length; c++) {
      if (header[c].equals("episode")) {
        episodeColumn = c;
      } else if (header[c].startsWith("action_")) {
        actionColumns.add(c);
      }
    }
    if (episodeColumn < 0 || actionColumns.isEmpty()) {
      throw new IllegalArgumentException(
          stepsFile + ": header has no episode or action_0 column: " + lines.get(0));
    }
    if (lines.size() - 1 != n) {
      throw new IllegalArgumentException(
          stepsFile + ": " + (lines.size() - 1) + " steps, expected one per frame (" + n + ")");
    }
    int da = actionColumns.size();
    int[] episode = new int[n];
    double[] actions = new double[n * da];
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      if (cells.length != header.length) {
        throw new IllegalArgumentException(
            stepsFile
                + ": line "
                + (i + 2)
                + " has "
                + cells.length
                + " columns, expected "
                + header.length);
      }
      episode[i] = (int) number(cells, episodeColumn, stepsFile, i, header);
      for (int k = 0; k < da; k++) {
        actions[i * da + k] = number(cells, actionColumns.get(k), stepsFile, i, header);
      }
    }
    List<Integer> starts = new ArrayList<>();
    int longest = 0;
    for (int from = 0; from < n; ) {
      int to = from;
      while (to < n && episode[to] == episode[from]) {
        to++;
      }
      longest = Math.max(longest, to - from);
      for (int s = from; s + window <= to; s += window) {
        starts.add(s);
      }
      from = to;
    }
    if (starts.size() < minSequences) {
      throw new IllegalArgumentException(
          "replay directory "
              + dir
              + " holds "
              + starts.size()
              + " windows of "
              + window
              + " steps inside an episode (longest episode "
              + longest
              + " steps), at least "
              + minSequences
              + " are needed; use a smaller --window or collect more steps");
    }
    double[][] factors = frames.factors().orElseThrow();
    List<String> names = frames.factorNames();
    int m = names.size();
    float[] pixels = frames.features();
    int count = starts.size();
    double[] x = new double[count * window * dx];
    double[] a = new double[count * window * da];
    double[] st = new double[count * window * m];
    int[] first = new int[count];
    for (int s = 0; s < count; s++) {
      int start = starts.get(s);
      first[s] = start;
      for (int t = 0; t < window; t++) {
        int i = start + t;
        int row = s * window + t;
        for (int j = 0; j < dx; j++) {
          x[row * dx + j] = pixels[i * dx + j];
        }
        System.arraycopy(actions, i * da, a, row * da, da);
        System.arraycopy(factors[i], 0, st, row * m, m);
      }
    }
    return new ReplaySequences(
        new SequenceData(count, window, dx, da, x, a), List.copyOf(names), st, side, first);
  }

  private static double number(String[] cells, int c, Path file, int i, String[] header) {
    try {
      double v = Double.parseDouble(cells[c].strip());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        file
            + " line "
            + (i + 2)
            + " column "
            + header[c]
            + ": '"
            + cells[c]
            + "' is not a number");
  }
}
