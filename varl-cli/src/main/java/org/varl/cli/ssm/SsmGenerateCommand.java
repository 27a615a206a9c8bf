package org.varl.cli.ssm;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.SeedOption;
import org.varl.models.ssm.Kalman;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl ssm generate}: linear-Gaussian sequences with actions and their true parameters. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Sample sequences from a random stable linear-Gaussian state-space model: z_1 ~ N(mu0, P0),"
          + " z_{t+1} = A z_t + B a_t + w_t (w ~ N(0, Q)), x_t = C z_t + v_t (v ~ N(0, R)),"
          + " actions a_t ~ U[-1, 1] recorded. Writes sequences.csv (sequence, t, x_0.., a_0..) and"
          + " truth.json (A, B, C, Q, R, mu0, P0) into --out; the last 20%% of the sequences are the"
          + " held-out split."
    })
public final class SsmGenerateCommand implements Callable<Integer> {

  /** Upper bound of sequences × length × (dim-x + dim-a) values. */
  static final long MAX_VALUES = 50_000_000L;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "linear-gaussian",
      description = "Model family: linear-gaussian (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--dim-z",
      paramLabel = "N",
      defaultValue = "2",
      description = "Latent size, 1..64 (default: ${DEFAULT-VALUE}).")
  int dimZ;

  @Option(
      names = "--dim-x",
      paramLabel = "N",
      defaultValue = "4",
      description = "Observation size, 1..64 (default: ${DEFAULT-VALUE}).")
  int dimX;

  @Option(
      names = "--dim-a",
      paramLabel = "N",
      defaultValue = "1",
      description = "Action size, 0..64 (default: ${DEFAULT-VALUE}).")
  int dimA;

  @Option(
      names = "--length",
      paramLabel = "T",
      defaultValue = "50",
      description = "Steps per sequence, 1..100000 (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(
      names = "--sequences",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Number of sequences, 2..1000000 (default: ${DEFAULT-VALUE}).")
  int sequences;

  @Mixin SeedOption seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out/ssm-data",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    Outputs.directory(out);
    if (!kind.equals("linear-gaussian")) {
      throw new IllegalArgumentException("--kind must be linear-gaussian, found '" + kind + "'");
    }
    requireRange("--dim-z", dimZ, 1, 64);
    requireRange("--dim-x", dimX, 1, 64);
    requireRange("--dim-a", dimA, 0, 64);
    requireRange("--length", length, 1, 100_000);
    requireRange("--sequences", sequences, 2, 1_000_000);
    long values = (long) sequences * length * (dimX + dimA);
    if (values > MAX_VALUES) {
      throw new IllegalArgumentException(
          "--sequences: "
              + sequences
              + " sequences of "
              + length
              + " steps hold "
              + values
              + " values, above the limit of "
              + MAX_VALUES);
    }
    LinearGaussianSsm truth = LinearGaussianSsm.random(dimZ, dimX, dimA, seed.seed);
    SequenceData data = truth.sample(sequences, length, seed.seed);
    Outputs.all(
        () -> {
          SsmFiles.writeSequences(out.resolve(SsmFiles.SEQUENCES), data);
          SsmFiles.writeTruth(out.resolve(SsmFiles.TRUTH), truth);
          return null;
        });
    double[] exact = Kalman.logLikelihoods(truth, data.heldOut());
    double mean = 0;
    for (double v : exact) {
      mean += v / exact.length;
    }
    System.out.printf(
        Locale.ROOT,
        "wrote %d sequences of %d steps (dim-z %d, dim-x %d, dim-a %d; held out: the last %d);"
            + " held-out Kalman log p(x) per step %.4f nats; in %s%n",
        sequences,
        length,
        dimZ,
        dimX,
        dimA,
        data.sequences() - data.trainCount(),
        mean / length,
        out);
    return 0;
  }

  static void requireRange(String option, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          option + " must be in [" + min + ", " + max + "], found " + v);
    }
  }
}
