package org.varl.rl.imitation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.varl.core.io.AtomicFiles;

/**
 * A demonstrations directory: {@code demos.csv} ({@link DemoCsv}) and {@code demos.json}, which
 * names the task the rows belong to: {@code {"obstacles": 1|2, "episodes": N, "seed": S, "rows":
 * R}}. Both are written atomically; inside the CLI's output set they land together or not at all.
 */
public final class DemoFiles {

  /** The rows. */
  public static final String CSV = "demos.csv";

  /** The task's description. */
  public static final String JSON = "demos.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DemoFiles() {}

  /** Demonstrations read back: the task's number of discs and the rows. */
  public record Demos(int obstacles, List<DemoRow> rows) {}

  /** Writes {@code dir/demos.csv} and {@code dir/demos.json}; returns the two paths. */
  public static List<Path> write(
      Path dir, int obstacles, int episodes, long seed, List<DemoRow> rows) {
    Path csv = dir.resolve(CSV);
    Path json = dir.resolve(JSON);
    AtomicFiles.write(
        csv,
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          DemoCsv.write(rows, w);
          w.flush();
        });
    AtomicFiles.write(
        json,
        stream ->
            stream.write(
                MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(
                        MAPPER
                            .createObjectNode()
                            .put("obstacles", obstacles)
                            .put("episodes", episodes)
                            .put("seed", seed)
                            .put("rows", rows.size()))));
    return List.of(csv, json);
  }

  /**
   * Reads {@code dir/demos.csv} for the task {@code dir/demos.json} names.
   *
   * @throws IllegalArgumentException (one line naming the file and what is wrong) for a missing
   *     file, a {@code demos.json} without {@code obstacles} 1 or 2, a CSV that {@link DemoCsv}
   *     refuses or that holds no rows, or a mode outside 0..2^obstacles − 1
   */
  public static Demos read(Path dir) {
    Path json = dir.resolve(JSON);
    Path csv = dir.resolve(CSV);
    requireFile(csv);
    requireFile(json);
    int obstacles;
    try {
      JsonNode root = MAPPER.readTree(json.toFile());
      JsonNode o = root == null ? null : root.get("obstacles");
      if (o == null || !o.isInt() || (o.asInt() != 1 && o.asInt() != 2)) {
        throw new IllegalArgumentException(
            json + ": obstacles must be 1 or 2, found " + (o == null ? "nothing" : o.toString()));
      }
      obstacles = o.asInt();
    } catch (IOException e) {
      throw new IllegalArgumentException(json + ": not JSON (" + firstLine(e) + ")");
    }
    List<DemoRow> rows;
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      rows = DemoCsv.read(r, csv.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(csv + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(csv + ": holds no rows, expected at least one step");
    }
    int modes = 1 << obstacles;
    for (int i = 0; i < rows.size(); i++) {
      int m = rows.get(i).mode();
      if (m < 0 || m >= modes) {
        throw new IllegalArgumentException(
            csv
                + " line "
                + (i + 2)
                + " column mode: expected 0.."
                + (modes - 1)
                + " for "
                + obstacles
                + " obstacle(s), found "
                + m);
      }
    }
    return new Demos(obstacles, rows);
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file + ": missing (write demonstrations with varl imitation demos --out DIR)");
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
