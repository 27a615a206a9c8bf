package org.varl.experiments.repr;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.Listener;
import org.varl.models.ssm.ReplaySequences;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmCheckpoint;
import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmFilter;
import org.varl.models.ssm.SsmLikelihood;
import org.varl.models.ssm.SsmTrainConfig;
import org.varl.models.ssm.SsmTrainer;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.replay.ReplayDirectory;
import org.varl.rl.repr.Collect;

/**
 * The sequential latent model behind the {@code belief} variant, made as the README's commands make
 * it:
 *
 * <pre>
 *   varl rl collect --env pendulum-pixels --frame-stack 1 --steps N --seed S --out replay
 *   varl ssm train --data replay:replay --window W --dim-z Z --hidden H --rssm --deterministic D
 *                  --steps K --seed S --out ssm
 * </pre>
 *
 * (a Bernoulli decoder over the frame's pixels, a filtering encoder, trained on the first 80% of
 * the windows), and the model's filtering beliefs b_t = [μ_z,t, h_t] on the probe frames, each
 * episode filtered from its first frame as {@link org.varl.rl.repr.BeliefEnv} does online.
 */
final class BeliefModel {

  private BeliefModel() {}

  /** The belief's frames: the experiment's size, one frame per observation. */
  static PixelOptions pixelOptions(RepresentationConfig c) {
    return new PixelOptions(c.pixelOptions().imageSize(), 1);
  }

  /** Collects the frames into {@code replay} and writes the trained model to {@code model}. */
  static void train(RepresentationConfig c, long seed, Path replay, Path model, Listener listener) {
    RepresentationConfig.BeliefVariant b = c.belief();
    listener.stage(
        "seed " + seed + " belief: collect " + b.collectSteps() + " random frames (stack 1)", 0);
    Collect.Result collected =
        Collect.run(
            new Collect.Config(
                "pendulum-pixels", pixelOptions(c), "random", b.collectSteps(), seed),
            t -> {});
    ReplayDirectory.write(replay, collected.contents());
    SequenceData data = ReplaySequences.read(replay, b.window(), 10).data();
    SsmConfig config =
        SsmConfig.defaults(data.dimX(), data.dimA())
            .withDimZ(b.dimZ())
            .withHidden(b.hidden())
            .withDeterministic(b.deterministic())
            .withLikelihood(SsmLikelihood.BERNOULLI);
    SsmTrainConfig train = SsmTrainConfig.defaults().withSteps(b.trainSteps()).withSeed(seed);
    listener.stage(
        "seed " + seed + " belief: train the RSSM, " + b.trainSteps() + " steps", b.trainSteps());
    EngineSetup.threads(1);
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run run =
          SsmTrainer.train(
              m, config, train, data.train(), (k, total, e, r, kl) -> listener.advance(1));
      SsmCheckpoint.write(model.resolve("checkpoint.bin"), run);
    }
  }

  /** The filtering belief at every probe row, each episode started afresh at its first row. */
  static double[][] beliefs(Path model, RepresentationExperiment.ProbeData probe) {
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run run = SsmCheckpoint.read(model.resolve("checkpoint.bin"), m);
      SsmFilter filter = new SsmFilter(run.model(), m);
      int d = filter.observationSize();
      double[][] out = new double[probe.n()][];
      for (int i = 0; i < probe.n(); i++) {
        double[] frame = new double[d];
        for (int j = 0; j < d; j++) {
          frame[j] = probe.frames()[i * d + j];
        }
        boolean first = i == 0 || probe.episodes()[i] != probe.episodes()[i - 1];
        out[i] = first ? filter.reset(frame) : filter.step(probe.actions()[i - 1], frame);
      }
      return out;
    }
  }
}
