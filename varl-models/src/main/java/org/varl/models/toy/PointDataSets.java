package org.varl.models.toy;

import java.nio.file.Path;
import org.varl.core.data.CsvScaling;
import org.varl.core.data.DataOptions;
import org.varl.core.data.DataSources;

/** The {@code --data} specs of the diffusion and flow-matching commands. */
public final class PointDataSets {

  /** Every spec, for messages and help. */
  public static final String SPECS =
      "8gaussians, checkerboard, moons, swissroll, shapes, fashion-mnist or csv:PATH";

  private PointDataSets() {}

  /**
   * The data set named by {@code spec}: a toy generator, {@code shapes} or {@code fashion-mnist}
   * (images, through varl-core's {@link DataSources}, split by {@code seed}), or {@code csv:PATH}
   * (a user's points of any dimension, as written in the file: no scaling, a random sixth held
   * out).
   *
   * @param dataDir a directory for Fashion-MNIST's files, or null for the Debian package
   * @throws IllegalArgumentException one line for an unknown spec or unreadable data
   */
  public static PointData parse(String spec, long seed, Path dataDir) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--data is required: one of " + SPECS);
    }
    String s = spec.strip();
    DataOptions options = DataOptions.defaults().withSeed(seed).withDataDir(dataDir);
    if (s.startsWith("csv:")) {
      return new SplitPoints(
          s, DataSources.load(s, options.withCsvScaling(CsvScaling.NONE)), false);
    }
    return switch (s) {
      case EightGaussians.SPEC -> new EightGaussians();
      case Checkerboard.SPEC -> new Checkerboard();
      case Moons.SPEC -> new Moons();
      case SwissRoll.SPEC -> new SwissRoll();
      case "shapes", "fashion-mnist" -> new SplitPoints(s, DataSources.load(s, options), true);
      default ->
          throw new IllegalArgumentException(
              "unknown --data \"" + spec + "\": expected one of " + SPECS);
    };
  }
}
