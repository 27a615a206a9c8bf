package org.varl.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frames of a replay directory written by {@code varl rl collect} ({@code
 * org.varl.rl.replay.ReplayDirectory}) as a data set, for {@code --data replay:DIR}.
 *
 * <p>A replay directory holds, for N environment steps in the order they were taken:
 *
 * <ul>
 *   <li>{@value #META}: the environment, {@code image_size}, {@code frame_stack}, {@code steps},
 *       {@code episodes}, the policy and the seed;
 *   <li>{@value #FRAMES}: an IDX file of unsigned bytes {@code [N, size, size]}; frame i is the
 *       newest frame of the observation the i-th action was taken from (pixel = byte / 255);
 *   <li>{@value #STEPS}: {@code step,episode,action_0..,reward,terminated,truncated}, row i is the
 *       i-th step (the flags say whether row i + 1 starts a new episode);
 *   <li>{@value #STATES}: the true physical state of frame i (Gymnasium's order, a header of the
 *       state's names), kept for probes and never given to an agent.
 * </ul>
 *
 * The stacked observation of step i is frames i − k + 1 … i of the same episode, the episode's
 * first frame repeated before its start.
 *
 * <p>As a data set the frames are images of {@code size × size}; their factors are the state's
 * columns, and for a column {@code theta} also {@code cos_theta} and {@code sin_theta} (first).
 */
public final class ReplayFrames {

  /** The frames file. */
  public static final String FRAMES = "frames-idx3-ubyte";

  /** The per-step file. */
  public static final String STEPS = "steps.csv";

  /** The true states. */
  public static final String STATES = "states.csv";

  /** The directory's description. */
  public static final String META = "replay.json";

  private static final Pattern IMAGE_SIZE = Pattern.compile("\"image_size\"\\s*:\\s*(-?\\d+)");
  private static final Pattern STEPS_FIELD = Pattern.compile("\"steps\"\\s*:\\s*(-?\\d+)");

  private ReplayFrames() {}

  /**
   * The frames of {@code dir} with their states as factors.
   *
   * @throws IllegalArgumentException one line for a missing directory or file, a corrupt frames
   *     file, or files that disagree ({@code image_size}, row counts)
   */
  public static ArrayDataset load(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "replay directory "
              + dir
              + " does not exist; write one with `varl rl collect --env pendulum-pixels --out "
              + dir
              + "`");
    }
    for (String f : new String[] {META, FRAMES, STATES}) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalArgumentException(
            "replay directory " + dir + " has no " + f + " (not written by varl rl collect?)");
      }
    }
    String meta = read(dir.resolve(META));
    int imageSize = field(meta, IMAGE_SIZE, dir, "image_size");
    int steps = field(meta, STEPS_FIELD, dir, "steps");
    IdxReader.Images images = IdxReader.readImages(dir.resolve(FRAMES));
    if (images.rows() != imageSize || images.cols() != imageSize) {
      throw new IllegalArgumentException(
          dir.resolve(FRAMES)
              + ": frames of "
              + images.rows()
              + "x"
              + images.cols()
              + " do not match "
              + META
              + "'s image_size "
              + imageSize);
    }
    if (images.count() != steps) {
      throw new IllegalArgumentException(
          dir.resolve(FRAMES)
              + ": "
              + images.count()
              + " frames, but "
              + META
              + " says steps "
              + steps);
    }
    if (steps < 1) {
      throw new IllegalArgumentException(dir.resolve(FRAMES) + ": no frames");
    }
    States states = states(dir.resolve(STATES), steps);
    return ArrayDataset.of(name, images.pixels(), imageSize * imageSize)
        .withImageShape(imageSize, imageSize)
        .withFactors(states.names(), states.values());
  }

  /** The factors of the frames: the state's columns, with cos/sin of a {@code theta} column. */
  record States(List<String> names, double[][] values) {}

  static States states(Path file, int rows) {
    List<String> lines = read(file).lines().toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty, expected a header of state names");
    }
    String[] header = lines.get(0).split(",", -1);
    int theta = java.util.Arrays.asList(header).indexOf("theta");
    List<String> names = new ArrayList<>();
    if (theta >= 0) {
      names.add("cos_theta");
      names.add("sin_theta");
    }
    names.addAll(java.util.Arrays.asList(header));
    if (lines.size() - 1 != rows) {
      throw new IllegalArgumentException(
          file + ": " + (lines.size() - 1) + " states, expected one per frame (" + rows + ")");
    }
    double[][] values = new double[rows][];
    for (int i = 0; i < rows; i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      if (cells.length != header.length) {
        throw new IllegalArgumentException(
            file
                + ": line "
                + (i + 2)
                + " has "
                + cells.length
                + " columns, expected "
                + header.length);
      }
      double[] row = new double[names.size()];
      int j = 0;
      double[] s = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        try {
          s[c] = Double.parseDouble(cells[c].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file
                  + ": line "
                  + (i + 2)
                  + ", column "
                  + (c + 1)
                  + ": not a number: \""
                  + cells[c]
                  + "\"");
        }
        if (!Double.isFinite(s[c])) {
          throw new IllegalArgumentException(
              file
                  + ": line "
                  + (i + 2)
                  + ", column "
                  + (c + 1)
                  + ": not a finite float: \""
                  + cells[c]
                  + "\"");
        }
      }
      if (theta >= 0) {
        row[j++] = Math.cos(s[theta]);
        row[j++] = Math.sin(s[theta]);
      }
      System.arraycopy(s, 0, row, j, s.length);
      values[i] = row;
    }
    return new States(List.copyOf(names), values);
  }

  private static int field(String meta, Pattern p, Path dir, String what) {
    Matcher m = p.matcher(meta);
    if (!m.find()) {
      throw new IllegalArgumentException(dir.resolve(META) + ": no " + what + " (corrupt)");
    }
    try {
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          dir.resolve(META) + ": " + what + " " + m.group(1) + " is not an int");
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
