package org.varl.experiments.diffusion;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.varl.core.engine.EngineSetup;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.experiments.Listener;
import org.varl.models.diffusion.BoundResult;
import org.varl.models.diffusion.DdpmBound;
import org.varl.models.diffusion.DdpmCheckpoint;
import org.varl.models.diffusion.DdpmConfig;
import org.varl.models.diffusion.DdpmResult;
import org.varl.models.diffusion.DdpmSampler;
import org.varl.models.diffusion.DdpmTrainer;
import org.varl.models.diffusion.DiffusionListener;
import org.varl.models.diffusion.Sampler;
import org.varl.models.diffusion.Schedule;
import org.varl.models.diffusion.TrainedDdpm;
import org.varl.models.quality.SampleQuality;
import org.varl.models.toy.PointData;
import org.varl.models.toy.PointDataSets;

/**
 * The lecture's DDPM: a diffusion model is a hierarchical VAE whose encoder is fixed, so its ELBO
 * bounds the data's log-likelihood. Trains a DDPM on a 2-D toy with the peer's settings, draws
 * ancestral samples and judges them ({@link SampleQuality}: energy distance, exact W2, true
 * log-density, mode fractions), then computes the bound term by term on held-out points ({@link
 * DdpmBound}) and compares it with the data's entropy, which any valid bound must exceed.
 */
public final class DdpmExperiment {

  private DdpmExperiment() {}

  /** Runs the experiment into {@code config.runDirectory()} (a previous run there is replaced). */
  public static DdpmExperimentResult run(DdpmExperimentConfig config, Listener listener) {
    Path run = config.runDirectory();
    clearPreviousRun(run);
    listener.stage("ddpm: training on " + config.data(), config.steps());
    DdpmConfig train =
        DdpmConfig.defaults(config.data())
            .withSteps(config.steps())
            .withDiffusion(config.diffusionSteps(), Schedule.LINEAR)
            .withSeed(config.seed())
            .withIntervals(config.steps(), 100);
    DdpmResult trained =
        DdpmTrainer.train(
            train,
            run,
            new DiffusionListener() {
              private long shown;

              @Override
              public void progress(long step, double loss, double stepsPerSecond) {
                listener.advance(step - shown);
                shown = step;
              }
            });
    PointData data = PointDataSets.parse(config.data(), config.seed(), null);
    // The network is small: one engine thread (two OpenMP threads on a busy machine spin-wait).
    int threadsBefore = EngineSetup.currentThreads();
    EngineSetup.threads(1);
    try (NDManager root = NDManager.newBaseManager();
        TrainedDdpm model = TrainedDdpm.load(run, root)) {
      listener.stage("ddpm: ancestral sampling", 1);
      long t0 = System.nanoTime();
      DdpmSampler.Samples samples =
          DdpmSampler.sample(
              model.ddpm(),
              model.epsilon(),
              model.dimension(),
              config.samples(),
              Sampler.ANCESTRAL,
              config.diffusionSteps(),
              config.seed(),
              8,
              root);
      double sampleSeconds = (System.nanoTime() - t0) / 1e9;
      listener.advance(1);
      SampleQuality quality =
          SampleQuality.evaluate(
              data,
              samples.points(),
              NoiseStream.generator(config.seed(), Streams.TEST_NOISE),
              true);
      listener.stage("ddpm: the bound, term by term", config.diffusionSteps() + 1L);
      float[] x0 =
          data.heldOut(
              config.boundPoints(), NoiseStream.generator(config.seed(), Streams.TEST_NOISE, 1));
      long t1 = System.nanoTime();
      BoundResult bound =
          DdpmBound.evaluate(
              model.ddpm(),
              model.epsilon(),
              x0,
              model.dimension(),
              config.seed(),
              root,
              listener::advance);
      double boundSeconds = (System.nanoTime() - t1) / 1e9;
      return new DdpmExperimentResult(
          trained,
          samples,
          quality,
          bound,
          data.entropy().orElse(Double.NaN),
          sampleSeconds,
          boundSeconds);
    } finally {
      EngineSetup.threads(threadsBefore);
    }
  }

  /** Removes a previous run of this experiment; refuses a directory holding anything else. */
  private static void clearPreviousRun(Path run) {
    if (!Files.exists(run)) {
      return;
    }
    if (!Files.exists(run.resolve(DdpmCheckpoint.FILE))) {
      try (Stream<Path> s = Files.list(run)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "run directory " + run + " holds files that are not a ddpm run; choose another");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (Stream<Path> walk = Files.walk(run)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
