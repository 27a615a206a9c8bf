package org.varl.experiments.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.varl.core.data.DataOptions;
import org.varl.experiments.Listener;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.EpochMetrics;
import org.varl.models.vae.Estimator;
import org.varl.models.vae.EvalRequest;
import org.varl.models.vae.EvalResult;
import org.varl.models.vae.Likelihood;
import org.varl.models.vae.ModelOptions;
import org.varl.models.vae.TrainConfig;
import org.varl.models.vae.TrainRequest;
import org.varl.models.vae.TrainResult;
import org.varl.models.vae.TrainingListener;
import org.varl.models.vae.VaeCheckpoint;
import org.varl.models.vae.VaeEvaluator;
import org.varl.models.vae.VaeTrainer;

/**
 * The lecture's VAE on data with known factors: a VAE maximizes the ELBO ≤ log p(x), prior draws
 * give new data, and the latent code holds the factors of variation. Trains the default
 * MLP/Bernoulli VAE on the {@code shapes} sprites (pathwise gradient, one engine thread), then
 * evaluates it ({@link VaeEvaluator}: test −ELBO, log p(x) by importance sampling with K draws, and
 * a linear probe R² from the latent means to x, y, scale, rotation and shape). The figures are the
 * caller's: the run directory holds everything they need.
 */
public final class VaeExperiment {

  private VaeExperiment() {}

  /** Progress units of {@link #run}: the training steps of all epochs. */
  public static long totalWork(VaeExperimentConfig config) {
    long train = Math.round(config.sprites() * (1 - DataOptions.defaults().testFraction()));
    return config.epochs() * ((train + config.batchSize() - 1) / config.batchSize());
  }

  /**
   * Runs the experiment into {@code config.runDirectory()}. A directory holding a previous run (a
   * {@code checkpoint.bin}) is replaced, so the experiment can be repeated; a directory holding
   * anything else is refused.
   */
  public static VaeExperimentResult run(VaeExperimentConfig config, Listener listener) {
    Path run = config.runDirectory();
    clearPreviousRun(run);
    listener.stage("vae: training on shapes", totalWork(config));
    TrainResult trained =
        VaeTrainer.run(
            new TrainRequest(
                "shapes",
                DataOptions.defaults().withShapesCount(config.sprites()),
                new ModelOptions(
                    Architecture.MLP, Likelihood.BERNOULLI, config.hidden(), config.latent(), 0.1),
                new TrainConfig(
                    config.epochs(),
                    config.batchSize(),
                    config.learningRate(),
                    1.0,
                    Estimator.PATHWISE,
                    1,
                    config.seed(),
                    1,
                    false),
                run,
                null),
            new TrainingListener() {
              private int reported;

              @Override
              public void epochStarted(int epoch, int steps, int examples) {
                reported = 0;
              }

              @Override
              public void progress(
                  int epoch, int stepsDone, double meanLoss, double examplesPerSecond) {
                listener.advance(stepsDone - reported);
                reported = stepsDone;
              }

              @Override
              public void epochFinished(EpochMetrics metrics) {}
            });
    listener.stage("vae: evaluation", 0);
    EvalResult eval =
        VaeEvaluator.run(
            new EvalRequest(run, config.evalK(), config.evalExamples(), config.seed()));
    return new VaeExperimentResult(trained, eval);
  }

  /** Deletes {@code dir} when it holds a previous training run, and only then. */
  private static void clearPreviousRun(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve(VaeCheckpoint.FILE))) {
      try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.of(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "runDirectory "
                  + dir
                  + " exists and does not hold a VAE run; "
                  + "choose another directory");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
      }
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot replace the previous run in " + dir + ": " + e.getMessage(), e);
    }
  }
}
