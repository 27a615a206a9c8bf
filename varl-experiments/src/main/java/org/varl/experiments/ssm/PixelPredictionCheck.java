package org.varl.experiments.ssm;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.varl.experiments.Listener;
import org.varl.models.ssm.ReplaySequences;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmPrediction;
import org.varl.models.ssm.SsmTrainer;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.replay.ReplayDirectory;
import org.varl.rl.repr.Collect;

/**
 * Open-loop prediction on frames: collect random-policy frames of {@code pendulum-pixels} with
 * {@code --frame-stack 1} (as {@code varl rl collect}), cut them into windows of context + horizon
 * steps inside each episode ({@link ReplaySequences}), train an RSSM with the Bernoulli decoder on
 * the first 80% and run {@link SsmPrediction} on the last 20%: per horizon step the pixel MSE of
 * the model's open-loop frames against the last context frame repeated, and the R² of a linear
 * probe from the filtered belief [μ_z, h_t] to the true state. Expected: the model beats the
 * repeated frame, and θ̇ — which no single frame shows — is readable from the belief.
 */
public final class PixelPredictionCheck {

  private PixelPredictionCheck() {}

  /**
   * The outcome.
   *
   * @param modelMse the model's pixel MSE per horizon step k = 1..H
   * @param lastFrameMse the repeated last context frame's, per horizon step
   * @param stateNames the probe's state columns
   * @param probeBelief R² per state column from [μ_z, h_t]
   * @param probeZ R² per state column from μ_z alone
   * @param strip per drawn window a row of true frames then a row of the model's ({@code [2·n·(C +
   *     H)][size²]}, row-major; the model's first C frames are filtered reconstructions)
   * @param stripWindows windows drawn
   * @param imageSize frame side
   * @param trainWindows windows trained on
   * @param heldOutWindows windows scored
   * @param history the training minibatch terms {@code [steps][3]} (ELBO, recon, KL per step)
   * @param collectSeconds collection wall time
   * @param trainSeconds training wall time
   */
  public record Result(
      double[] modelMse,
      double[] lastFrameMse,
      List<String> stateNames,
      double[] probeBelief,
      double[] probeZ,
      float[][] strip,
      int stripWindows,
      int imageSize,
      int trainWindows,
      int heldOutWindows,
      double[][] history,
      double collectSeconds,
      double trainSeconds) {

    /** The model's MSE averaged over the horizon. */
    public double modelMseMean() {
      return mean(modelMse);
    }

    /** The repeated last frame's MSE averaged over the horizon. */
    public double lastFrameMseMean() {
      return mean(lastFrameMse);
    }

    /** The belief probe's R² for {@code name}, NaN when there is no such column. */
    public double probe(String name) {
      int i = stateNames.indexOf(name);
      return i < 0 ? Double.NaN : probeBelief[i];
    }
  }

  public static Result run(PixelPredictionCheckConfig config, Listener listener) {
    int window = config.window();
    listener.stage("collect pendulum-pixels frames", config.collectSteps());
    long start = System.nanoTime();
    Collect.Result collected =
        Collect.run(
            new Collect.Config(
                "pendulum-pixels",
                new PixelOptions(config.imageSize(), 1),
                "random",
                config.collectSteps(),
                config.seed()),
            new java.util.function.LongConsumer() {
              long done;

              @Override
              public void accept(long t) {
                listener.advance(t - done);
                done = t;
              }
            });
    ReplaySequences all;
    Path dir = null;
    try {
      dir = Files.createTempDirectory("varl-pixel-check");
      ReplayDirectory.write(dir, collected.contents());
      all = ReplaySequences.read(dir, window, 10);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
    double collectSeconds = (System.nanoTime() - start) / 1e9;
    SequenceData data = all.data();
    SequenceData held = data.heldOut();
    int from = data.trainCount();
    int m = all.stateNames().size();
    double[] states =
        java.util.Arrays.copyOfRange(
            all.states(), from * window * m, data.sequences() * window * m);
    listener.stage("train the RSSM on frame windows", config.trainSteps());
    try (NDManager root = NDManager.newBaseManager()) {
      start = System.nanoTime();
      SsmTrainer.Run run =
          SsmTrainer.train(
              root,
              config.model(),
              config.train(),
              data.train(),
              (k, total, e, r, kl) -> listener.advance(1));
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      listener.stage("open-loop prediction", 0);
      SsmPrediction.Result p =
          SsmPrediction.run(
              root, run.model(), held, states, m, config.context(), config.horizon(), null);
      int n = Math.min(config.stripWindows(), held.sequences());
      int dx = held.dimX();
      float[][] strip = new float[2 * n * window][];
      for (int s = 0; s < n; s++) {
        double[][] obs = held.observations(s);
        for (int t = 0; t < window; t++) {
          float[] f = new float[dx];
          for (int j = 0; j < dx; j++) {
            f[j] = (float) obs[t][j];
          }
          strip[2 * s * window + t] = f;
          strip[(2 * s + 1) * window + t] = p.predicted()[s][t].clone();
        }
      }
      return new Result(
          p.modelMse(),
          p.lastFrameMse(),
          all.stateNames(),
          p.probeBelief(),
          p.probeZ(),
          strip,
          n,
          all.imageSize(),
          data.trainCount(),
          held.sequences(),
          run.history(),
          collectSeconds,
          trainSeconds);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
