package org.varl.cli.imitation;

import org.varl.experiments.imitation.ImitationTrainConfig;
import org.varl.models.bc.BcConfig;
import org.varl.models.cvae.CvaeConfig;
import picocli.CommandLine.Option;

/**
 * The training options shared by {@code imitation train} and {@code imitation compare} (a picocli
 * mixin); an option left out keeps the model family's default, listed in each description.
 */
final class TrainOptions {

  @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default: 8000).")
  Integer steps;

  @Option(names = "--lr", paramLabel = "X", description = "Adam step size (default: 3e-3).")
  Double lr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Demonstration steps per minibatch (default: 128).")
  Integer batchSize;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      description = "Hidden width of every network (default: 64).")
  Integer hidden;

  @Option(
      names = "--layers",
      paramLabel = "N",
      description = "Hidden tanh layers of every network (default: 2).")
  Integer layers;

  @Option(names = "--latent", paramLabel = "N", description = "CVAE: size of z (default: 2).")
  Integer latent;

  @Option(
      names = "--beta",
      paramLabel = "X",
      description = "CVAE: weight of the KL term of -ELBO (default: 1, the plain ELBO).")
  Double beta;

  /** The config with these options over the families' defaults and the given seed. */
  ImitationTrainConfig config(long seed) {
    CvaeConfig c = CvaeConfig.defaults();
    BcConfig b = BcConfig.defaults();
    if (steps != null) {
      c = c.withSteps(steps);
      b = b.withSteps(steps);
    }
    if (lr != null) {
      c = c.withLearningRate(lr);
      b = b.withLearningRate(lr);
    }
    if (batchSize != null) {
      c = c.withBatchSize(batchSize);
      b = b.withBatchSize(batchSize);
    }
    if (hidden != null) {
      c = c.withHidden(hidden);
      b = b.withHidden(hidden);
    }
    if (layers != null) {
      c = c.withLayers(layers);
      b = b.withLayers(layers);
    }
    if (latent != null) {
      c = c.withLatent(latent);
    }
    if (beta != null) {
      c = c.withBeta(beta);
    }
    return ImitationTrainConfig.defaults().withCvae(c).withBc(b).withSeed(seed);
  }
}
