package org.varl.cli.imitation;

import org.varl.experiments.imitation.ImitationTrainConfig;
import org.varl.models.bc.BcConfig;
import org.varl.models.cvae.CvaeConfig;
import org.varl.models.diffpolicy.DiffusionPolicyConfig;
import picocli.CommandLine.Option;

/**
 * The training options shared by {@code imitation train} and {@code imitation compare} (a picocli
 * mixin); an option left out keeps the model family's default, listed in each description.
 */
final class TrainOptions {

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Optimizer steps (default: 8000; diffusion 10000).")
  Integer steps;

  @Option(
      names = "--lr",
      paramLabel = "X",
      description = "Adam step size (default: 3e-3; diffusion 1e-3).")
  Double lr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Demonstration steps per minibatch (default: 128; diffusion 256).")
  Integer batchSize;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      description = "Hidden width of every network (default: 64; diffusion 128).")
  Integer hidden;

  @Option(
      names = "--layers",
      paramLabel = "N",
      description = "Hidden layers of every network (default: 2 tanh; diffusion 3 SiLU).")
  Integer layers;

  @Option(names = "--latent", paramLabel = "N", description = "CVAE: size of z (default: 2).")
  Integer latent;

  @Option(
      names = "--beta",
      paramLabel = "X",
      description = "CVAE: weight of the KL term of -ELBO (default: 1, the plain ELBO).")
  Double beta;

  @Option(
      names = "--denoising-steps",
      paramLabel = "N",
      description = "Diffusion: denoising steps T of the cosine schedule (default: 32).")
  Integer denoisingSteps;

  /** The config with these options over the families' defaults and the given seed. */
  ImitationTrainConfig config(long seed) {
    CvaeConfig c = CvaeConfig.defaults();
    BcConfig b = BcConfig.defaults();
    DiffusionPolicyConfig d = DiffusionPolicyConfig.defaults();
    if (steps != null) {
      c = c.withSteps(steps);
      b = b.withSteps(steps);
      d = d.withSteps(steps);
    }
    if (lr != null) {
      c = c.withLearningRate(lr);
      b = b.withLearningRate(lr);
      d = d.withLearningRate(lr);
    }
    if (batchSize != null) {
      c = c.withBatchSize(batchSize);
      b = b.withBatchSize(batchSize);
      d = d.withBatchSize(batchSize);
    }
    if (hidden != null) {
      c = c.withHidden(hidden);
      b = b.withHidden(hidden);
      d = d.withHidden(hidden);
    }
    if (layers != null) {
      c = c.withLayers(layers);
      b = b.withLayers(layers);
      d = d.withLayers(layers);
    }
    if (latent != null) {
      c = c.withLatent(latent);
    }
    if (beta != null) {
      c = c.withBeta(beta);
    }
    if (denoisingSteps != null) {
      d = d.withDenoisingSteps(denoisingSteps);
    }
    return ImitationTrainConfig.defaults().withCvae(c).withBc(b).withDiffusion(d).withSeed(seed);
  }
}
