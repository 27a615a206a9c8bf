package org.varl.cli.rl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.rl.env.Discrete;
import org.varl.rl.env.Space;

/**
 * The actions file of {@code varl rl rollout}: one action per line, one column per action
 * coordinate ({@code action_0, …}), UTF-8.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped; the first remaining line may be the
 * header {@code action_0,…,action_{k−1}} (the action columns of a trajectory this command wrote).
 * Every cell must be a finite decimal number ({@link Decimals}); for a {@link Discrete} space it
 * must be an integer index in [0, n) ({@code 1} and {@code 1.0} both name action 1). Box actions
 * may lie outside the box: the environment clips them as Gymnasium does.
 *
 * <p>Errors are one line naming the file, the line (from 1, as an editor counts), the column (from
 * 1) and the cell: {@code --actions a.csv: line 4, column 1: not a finite decimal number: "1f"}.
 */
final class ActionsCsv {

  private ActionsCsv() {}

  /** The actions of {@code file} for an environment of action space {@code space}. */
  static List<double[]> read(Path file, Space space, String envId) {
    int width = space.dimension();
    String where = "--actions " + file;
    List<double[]> actions = new ArrayList<>();
    boolean first = true;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (first) {
          first = false;
          if (isHeader(cells, width)) {
            continue;
          }
        }
        if (cells.length != width) {
          throw new IllegalArgumentException(
              where
                  + ": line "
                  + lineNo
                  + " has "
                  + cells.length
                  + (cells.length == 1 ? " column" : " columns")
                  + ", expected "
                  + width
                  + " (the action dimension of "
                  + envId
                  + ")");
        }
        double[] action = new double[width];
        for (int j = 0; j < width; j++) {
          action[j] = cell(where, lineNo, j, cells[j].strip(), space, envId);
        }
        actions.add(action);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(where + ": no such file");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(where + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException(where + ": no actions (one line per step is needed)");
    }
    return actions;
  }

  private static boolean isHeader(String[] cells, int width) {
    if (cells.length != width) {
      return false;
    }
    for (int j = 0; j < width; j++) {
      if (!cells[j].strip().equals("action_" + j)) {
        return false;
      }
    }
    return true;
  }

  private static double cell(
      String where, int lineNo, int column, String text, Space space, String envId) {
    String at = where + ": line " + lineNo + ", column " + (column + 1) + ": ";
    Double v = Decimals.parse(text);
    if (v == null) {
      throw new IllegalArgumentException(at + "not a finite decimal number: \"" + text + "\"");
    }
    if (space instanceof Discrete d && !(v >= 0 && v < d.n() && v == Math.rint(v))) {
      throw new IllegalArgumentException(
          at
              + "action must be an integer in [0, "
              + d.n()
              + ") for "
              + envId
              + ", found \""
              + text
              + "\"");
    }
    return v;
  }
}
