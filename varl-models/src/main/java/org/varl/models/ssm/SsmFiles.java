package org.varl.models.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.data.NumberText;
import org.varl.core.io.AtomicFiles;

/**
 * The files of the state-space commands.
 *
 * <ul>
 *   <li>{@code sequences.csv}: header {@code sequence,t,x_0..x_{dx−1},a_0..a_{da−1}}, one row per
 *       step, sequences numbered 0, 1, ... in order and each with steps t = 0..T−1 in order, every
 *       sequence of the same length T.
 *   <li>{@code truth.json}: {@code A, B, C, Q, R, mu0, P0} of the {@link LinearGaussianSsm} as
 *       nested arrays (rows), plus {@code dimZ, dimX, dimA} for the reader's convenience.
 * </ul>
 *
 * Every read error is an {@link IllegalArgumentException} of one line naming the file, the line,
 * the column and the value.
 */
public final class SsmFiles {

  /** The sequences file name. */
  public static final String SEQUENCES = "sequences.csv";

  /** The true parameters' file name. */
  public static final String TRUTH = "truth.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private SsmFiles() {}

  /** Writes {@code data} as {@code sequences.csv} (atomically). */
  public static void writeSequences(Path file, SequenceData data) {
    AtomicFiles.write(
        file,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          StringBuilder header = new StringBuilder("sequence,t");
          for (int j = 0; j < data.dimX(); j++) {
            header.append(",x_").append(j);
          }
          for (int j = 0; j < data.dimA(); j++) {
            header.append(",a_").append(j);
          }
          w.write(header.append('\n').toString());
          StringBuilder line = new StringBuilder();
          for (int s = 0; s < data.sequences(); s++) {
            for (int t = 0; t < data.length(); t++) {
              line.setLength(0);
              line.append(s).append(',').append(t);
              int row = s * data.length() + t;
              for (int j = 0; j < data.dimX(); j++) {
                line.append(',').append(data.x()[row * data.dimX() + j]);
              }
              for (int j = 0; j < data.dimA(); j++) {
                line.append(',').append(data.a()[row * data.dimA() + j]);
              }
              w.write(line.append('\n').toString());
            }
          }
          w.flush();
        });
  }

  /**
   * Reads a {@code sequences.csv}.
   *
   * @throws IllegalArgumentException for a missing file, a bad header, a non-numeric or non-finite
   *     cell, a row of the wrong width, sequences or steps out of order, ragged sequences, or fewer
   *     than {@code minSequences} sequences (each named with file, line and column)
   */
  public static SequenceData readSequences(Path file, int minSequences) {
    String name = file.toString();
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = r.lines().toList();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(name + ": no such file");
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(
          name + ": cannot read (" + e.getCause().getMessage() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read (" + e.getMessage() + ")");
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(name + ": empty, expected the header sequence,t,x_0,...");
    }
    String[] header = lines.get(0).strip().split(",", -1);
    if (header.length < 3 || !header[0].equals("sequence") || !header[1].equals("t")) {
      throw new IllegalArgumentException(
          name + " line 1: header must start with sequence,t,x_0, found '" + lines.get(0) + "'");
    }
    int dx = 0;
    while (2 + dx < header.length && header[2 + dx].equals("x_" + dx)) {
      dx++;
    }
    int da = 0;
    while (2 + dx + da < header.length && header[2 + dx + da].equals("a_" + da)) {
      da++;
    }
    if (dx == 0 || 2 + dx + da != header.length) {
      int bad = dx == 0 ? 2 : 2 + dx + da;
      throw new IllegalArgumentException(
          name
              + " line 1 column "
              + (bad + 1)
              + ": expected "
              + (dx == 0 ? "x_0" : "x_" + dx + " or a_" + da)
              + ", found '"
              + header[bad]
              + "'");
    }
    int width = header.length;
    List<double[]> rows = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    int current = -1;
    int expectedT = 0;
    for (int i = 1; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty()) {
        continue;
      }
      String[] cells = text.split(",", -1);
      int line = i + 1;
      if (cells.length != width) {
        throw new IllegalArgumentException(
            name + " line " + line + ": expected " + width + " cells, found " + cells.length);
      }
      int seq = integer(name, line, header[0], cells[0]);
      int t = integer(name, line, header[1], cells[1]);
      if (seq == current + 1) {
        if (current >= 0) {
          lengths.add(expectedT);
        }
        current = seq;
        expectedT = 0;
      } else if (seq != current) {
        throw new IllegalArgumentException(
            name
                + " line "
                + line
                + " column sequence: expected "
                + current
                + " or "
                + (current + 1)
                + " (sequences numbered from 0 in order), found "
                + seq);
      }
      if (t != expectedT) {
        throw new IllegalArgumentException(
            name
                + " line "
                + line
                + " column t: expected step "
                + expectedT
                + " of sequence "
                + seq
                + " (steps numbered from 0 in order), found "
                + t);
      }
      expectedT++;
      double[] v = new double[width - 2];
      for (int c = 2; c < width; c++) {
        v[c - 2] = number(name, line, header[c], cells[c]);
      }
      rows.add(v);
    }
    if (current < 0) {
      throw new IllegalArgumentException(name + ": holds no rows, expected at least one step");
    }
    lengths.add(expectedT);
    int length = lengths.get(0);
    for (int s = 1; s < lengths.size(); s++) {
      if (lengths.get(s) != length) {
        throw new IllegalArgumentException(
            name
                + ": ragged sequences: sequence "
                + s
                + " has "
                + lengths.get(s)
                + " steps, sequence 0 has "
                + length
                + " (all sequences must have the same length)");
      }
    }
    int n = lengths.size();
    if (n < minSequences) {
      throw new IllegalArgumentException(
          name + ": holds " + n + " sequence(s), at least " + minSequences + " are needed");
    }
    double[] x = new double[rows.size() * dx];
    double[] a = new double[rows.size() * da];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, x, r * dx, dx);
      System.arraycopy(rows.get(r), dx, a, r * da, da);
    }
    return new SequenceData(n, length, dx, da, x, a);
  }

  private static int integer(String file, int line, String column, String cell) {
    try {
      return NumberText.parseInt(cell.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + " line " + line + " column " + column + ": '" + cell + "' is not an integer");
    }
  }

  private static double number(String file, int line, String column, String cell) {
    double v;
    try {
      v = NumberText.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + " line " + line + " column " + column + ": '" + cell + "' is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(
          file + " line " + line + " column " + column + ": '" + cell + "' is not a finite number");
    }
    return v;
  }

  /** Writes the model as {@code truth.json} (atomically). */
  public static void writeTruth(Path file, LinearGaussianSsm m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dimZ", m.dimZ()).put("dimX", m.dimX()).put("dimA", m.dimA());
    root.set("A", matrix(m.a()));
    root.set("B", matrix(m.b()));
    root.set("C", matrix(m.c()));
    root.set("Q", matrix(m.q()));
    root.set("R", matrix(m.r()));
    ArrayNode mu0 = root.putArray("mu0");
    for (double v : m.mu0()) {
      mu0.add(v);
    }
    root.set("P0", matrix(m.p0()));
    AtomicFiles.write(file, out -> JSON.writeValue(out, root));
  }

  private static ArrayNode matrix(double[][] m) {
    ArrayNode rows = JSON.createArrayNode();
    for (double[] row : m) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    return rows;
  }

  /**
   * Reads a {@code truth.json}.
   *
   * @throws IllegalArgumentException (one line, naming the file) for a missing file, malformed
   *     JSON, a missing or non-numeric matrix, or a model the {@link LinearGaussianSsm} constructor
   *     refuses (shapes, a covariance that is not positive definite)
   */
  public static LinearGaussianSsm readTruth(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(file + ": no such file");
      }
      throw new IllegalArgumentException(file + ": not valid JSON (" + firstLine(e) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          file + ": expected a JSON object with A, B, C, Q, R, mu0, P0");
    }
    try {
      double[][] b = readMatrix(root, "B");
      return new LinearGaussianSsm(
          readMatrix(root, "A"),
          b,
          readMatrix(root, "C"),
          readMatrix(root, "Q"),
          readMatrix(root, "R"),
          readVector(root, "mu0"),
          readMatrix(root, "P0"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static double[][] readMatrix(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw new IllegalArgumentException(key + " must be a non-empty array of rows");
    }
    double[][] m = new double[n.size()][];
    for (int i = 0; i < n.size(); i++) {
      JsonNode row = n.get(i);
      if (!row.isArray()) {
        throw new IllegalArgumentException(key + "[" + i + "] must be an array of numbers");
      }
      m[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        if (!row.get(j).isNumber()) {
          throw new IllegalArgumentException(
              key + "[" + i + "][" + j + "] must be a number, found " + row.get(j));
        }
        m[i][j] = row.get(j).asDouble();
      }
    }
    return m;
  }

  private static double[] readVector(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException(key + " must be an array of numbers");
    }
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) {
      if (!n.get(i).isNumber()) {
        throw new IllegalArgumentException(key + "[" + i + "] must be a number, found " + n.get(i));
      }
      v[i] = n.get(i).asDouble();
    }
    return v;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
