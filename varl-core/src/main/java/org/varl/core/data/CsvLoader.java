package org.varl.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numeric CSV files: one row per example, comma-separated numbers.
 *
 * <p>Conventions: lines are numbered from 1 as in an editor, columns from 1 in messages; blank
 * lines and lines whose first non-blank character is {@code #} are skipped; cells are trimmed and
 * may be wrapped in double quotes; the first remaining line is a header when {@link
 * CsvHeader#PRESENT}, or under {@link CsvHeader#AUTO} when any of its cells is not a number. With a
 * label column ({@link DataOptions#csvHasLabel()}, the last column unless {@link
 * DataOptions#csvLabelColumn()} names a 0-based index), that column holds non-negative integer
 * class labels and the others are the features. Every row must have the same number of columns, and
 * every feature must be a finite number.
 *
 * <p>Errors are one line: {@code data.csv: line 17, column 3: not a number: "abc"}, {@code
 * data.csv: line 9 has 4 columns, expected 5}.
 */
public final class CsvLoader {

  private CsvLoader() {}

  /**
   * Reads {@code file}, splits it at random ({@link TrainTestSplit#random}, seeded by {@code
   * options.seed()}) and scales both parts with statistics of the training part ({@link
   * CsvScaling}).
   *
   * @param name the data set name, e.g. {@code csv:PATH}
   */
  public static TrainTestSplit load(Path file, String name, DataOptions options) {
    ArrayDataset all = read(file, name, options);
    TrainTestSplit raw = TrainTestSplit.random(all, options.testFraction(), options.seed());
    ColumnScaler scaler = ColumnScaler.fit(raw.train(), options.csvScaling());
    return new TrainTestSplit(scaler.apply(raw.train()), scaler.apply(raw.test()));
  }

  /**
   * Reads {@code file} unscaled and unsplit, with labels when the options say there is a label
   * column.
   */
  public static ArrayDataset read(Path file, String name, DataOptions options) {
    String fileName = String.valueOf(file.getFileName());
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "CSV file " + file + " does not exist or is not a regular file");
    }
    float[] values = new float[1024];
    int count = 0;
    List<Integer> labels = options.csvHasLabel() ? new ArrayList<>() : null;
    int columns = -1;
    int labelColumn = -1;
    boolean firstLine = true;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = split(line);
        if (firstLine) {
          firstLine = false;
          columns = cells.length;
          if (options.csvHasLabel()) {
            labelColumn = options.csvLabelColumn() < 0 ? columns - 1 : options.csvLabelColumn();
            if (labelColumn >= columns) {
              throw new IllegalArgumentException(
                  fileName
                      + ": label column "
                      + labelColumn
                      + " (0-based) is outside the "
                      + columns
                      + " columns of line "
                      + lineNo);
            }
            if (columns < 2) {
              throw new IllegalArgumentException(
                  fileName
                      + ": line "
                      + lineNo
                      + " has 1 column, need a label column and at least one feature");
            }
          }
          boolean header =
              switch (options.csvHeader()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> Arrays.stream(cells).anyMatch(c -> !isNumber(c));
              };
          if (header) {
            continue;
          }
        }
        if (cells.length != columns) {
          throw new IllegalArgumentException(
              fileName
                  + ": line "
                  + lineNo
                  + " has "
                  + cells.length
                  + " columns, expected "
                  + columns);
        }
        int features = labelColumn >= 0 ? columns - 1 : columns;
        if (count + features > values.length) {
          values = Arrays.copyOf(values, Math.max(values.length * 2, count + features));
        }
        for (int j = 0; j < columns; j++) {
          if (j == labelColumn) {
            labels.add(parseLabel(fileName, lineNo, j, cells[j]));
          } else {
            values[count++] = parseFeature(fileName, lineNo, j, cells[j]);
          }
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("CSV file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    int dimension = labelColumn >= 0 ? columns - 1 : columns;
    if (count == 0) {
      throw new IllegalArgumentException(fileName + ": no data rows");
    }
    ArrayDataset data = ArrayDataset.wrap(name, Arrays.copyOf(values, count), dimension);
    if (labels != null) {
      data = data.withLabels(labels.stream().mapToInt(Integer::intValue).toArray());
    }
    return data;
  }

  /** Splits at commas, trims, and strips one pair of surrounding double quotes. */
  static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int j = 0; j < cells.length; j++) {
      String c = cells[j].strip();
      if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
        c = c.substring(1, c.length() - 1).strip();
      }
      cells[j] = c;
    }
    return cells;
  }

  /**
   * NaN and infinities are numbers, reported as "not a finite float" rather than "not a number".
   */
  private static final java.util.regex.Pattern NON_FINITE =
      java.util.regex.Pattern.compile("[+-]?(?:NaN|Infinity)");

  private static boolean isNumber(String cell) {
    return NumberText.isDecimal(cell) || NON_FINITE.matcher(cell).matches();
  }

  private static float parseFeature(String file, int lineNo, int column, String cell) {
    double v;
    try {
      v =
          NON_FINITE.matcher(cell).matches()
              ? Double.parseDouble(cell)
              : NumberText.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file
              + ": line "
              + lineNo
              + ", column "
              + (column + 1)
              + ": not a number: \""
              + cell
              + "\"");
    }
    if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
      throw new IllegalArgumentException(
          file
              + ": line "
              + lineNo
              + ", column "
              + (column + 1)
              + ": not a finite float: \""
              + cell
              + "\"");
    }
    return (float) v;
  }

  private static int parseLabel(String file, int lineNo, int column, String cell) {
    double v;
    try {
      v = NumberText.parseDouble(cell);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
      throw new IllegalArgumentException(
          file
              + ": line "
              + lineNo
              + ", column "
              + (column + 1)
              + ": label must be a non-negative integer, found \""
              + cell
              + "\"");
    }
    return (int) v;
  }
}
