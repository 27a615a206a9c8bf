package org.varl.rl.imitation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.varl.core.data.NumberText;

/**
 * The CSV form of demonstrations: a header {@code episode,step,x,y,dx,dy,mode} and one line per
 * {@link DemoRow}, doubles written with {@link Double#toString} (which reads back to the same
 * double).
 *
 * <p>Reading is strict: the header must name every column (in any order; other columns are
 * ignored), each line must have as many cells as the header, integers are {@code [+-]?digits} and
 * doubles plain finite decimals ({@link NumberText}: no {@code NaN}, {@code Infinity}, hex or
 * blanks). A violation is an {@code IllegalArgumentException} naming the source, the line (from 1,
 * the header being line 1), the column and the cell's text.
 */
public final class DemoCsv {

  /** The columns, in the order they are written. */
  public static final List<String> COLUMNS =
      List.of("episode", "step", "x", "y", "dx", "dy", "mode");

  private DemoCsv() {}

  /** Writes the header and the rows. */
  public static void write(List<DemoRow> rows, Writer out) throws IOException {
    out.write(String.join(",", COLUMNS));
    out.write('\n');
    for (DemoRow r : rows) {
      out.write(
          r.episode()
              + ","
              + r.step()
              + ","
              + r.x()
              + ","
              + r.y()
              + ","
              + r.dx()
              + ","
              + r.dy()
              + ","
              + r.mode()
              + "\n");
    }
  }

  /**
   * Reads rows written by {@link #write} (or any CSV with those columns).
   *
   * @param source the name used in error messages, e.g. the file's path
   * @throws IllegalArgumentException for an empty input, a missing column, a short or long line, or
   *     a cell that is not a finite number of the column's kind
   */
  public static List<DemoRow> read(Reader in, String source) {
    try {
      BufferedReader reader = new BufferedReader(in);
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException(source + ": empty, expected the header " + COLUMNS);
      }
      List<String> names = Arrays.asList(header.split(",", -1));
      int[] index = new int[COLUMNS.size()];
      for (int c = 0; c < index.length; c++) {
        index[c] = names.indexOf(COLUMNS.get(c));
        if (index[c] < 0) {
          throw new IllegalArgumentException(
              source
                  + " line 1: missing column '"
                  + COLUMNS.get(c)
                  + "', found header '"
                  + header
                  + "'");
        }
      }
      List<DemoRow> rows = new ArrayList<>();
      int line = 1;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        String[] cells = text.split(",", -1);
        if (cells.length != names.size()) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + line
                  + ": expected "
                  + names.size()
                  + " cells, found "
                  + cells.length
                  + " in '"
                  + text
                  + "'");
        }
        Cells c = new Cells(source, line, cells, index);
        rows.add(
            new DemoRow(
                c.integer(0),
                c.integer(1),
                c.real(2),
                c.real(3),
                c.real(4),
                c.real(5),
                c.integer(6)));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
  }

  private record Cells(String source, int line, String[] cells, int[] index) {

    int integer(int column) {
      String text = cells[index[column]];
      try {
        return NumberText.parseInt(text);
      } catch (NumberFormatException e) {
        throw bad(column, text, "an integer");
      }
    }

    double real(int column) {
      String text = cells[index[column]];
      double v;
      try {
        v = NumberText.parseDouble(text);
      } catch (NumberFormatException e) {
        throw bad(column, text, "a number");
      }
      if (!Double.isFinite(v)) {
        throw bad(column, text, "a finite number");
      }
      return v;
    }

    IllegalArgumentException bad(int column, String text, String expected) {
      return new IllegalArgumentException(
          source
              + " line "
              + line
              + " column "
              + COLUMNS.get(column)
              + ": expected "
              + expected
              + ", found '"
              + text
              + "'");
    }
  }
}
