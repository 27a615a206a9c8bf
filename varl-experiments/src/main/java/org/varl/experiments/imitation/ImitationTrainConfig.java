package org.varl.experiments.imitation;

import java.util.Objects;
import org.varl.models.bc.BcConfig;
import org.varl.models.cvae.CvaeConfig;
import org.varl.models.diffpolicy.DiffusionPolicyConfig;

/**
 * What {@code varl imitation train} trains: the policy kind and the config of each model family
 * (only the chosen kind's is used; {@link #withSeed} and {@link #withSteps} set all of them, so a
 * comparison trains every kind with the same seed and budget).
 *
 * @param policy the kind (default {@code cvae})
 * @param cvae the CVAE's config ({@code cvae}, {@code cvae-learned-prior}: the learned-prior flag
 *     is set from the kind)
 * @param bc the behaviour-cloning config ({@code bc-gaussian}, {@code bc-mse})
 * @param diffusion the diffusion policy's config ({@code diffusion})
 */
public record ImitationTrainConfig(
    ImitationPolicyKind policy, CvaeConfig cvae, BcConfig bc, DiffusionPolicyConfig diffusion) {

  public ImitationTrainConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(cvae, "cvae");
    Objects.requireNonNull(bc, "bc");
    Objects.requireNonNull(diffusion, "diffusion");
    cvae = cvae.withLearnedPrior(policy == ImitationPolicyKind.CVAE_LEARNED_PRIOR);
  }

  /** The models' defaults, seed 1 (the CLI's default seed), policy {@code cvae}. */
  public static ImitationTrainConfig defaults() {
    return new ImitationTrainConfig(
            ImitationPolicyKind.CVAE,
            CvaeConfig.defaults(),
            BcConfig.defaults(),
            DiffusionPolicyConfig.defaults())
        .withSeed(1);
  }

  public ImitationTrainConfig withPolicy(ImitationPolicyKind v) {
    return new ImitationTrainConfig(v, cvae, bc, diffusion);
  }

  public ImitationTrainConfig withCvae(CvaeConfig v) {
    return new ImitationTrainConfig(policy, v, bc, diffusion);
  }

  public ImitationTrainConfig withBc(BcConfig v) {
    return new ImitationTrainConfig(policy, cvae, v, diffusion);
  }

  public ImitationTrainConfig withDiffusion(DiffusionPolicyConfig v) {
    return new ImitationTrainConfig(policy, cvae, bc, v);
  }

  /** The seed of every family's run. */
  public ImitationTrainConfig withSeed(long v) {
    return new ImitationTrainConfig(
        policy, cvae.withSeed(v), bc.withSeed(v), diffusion.withSeed(v));
  }

  /** The optimizer steps of every family. */
  public ImitationTrainConfig withSteps(int v) {
    return new ImitationTrainConfig(
        policy, cvae.withSteps(v), bc.withSteps(v), diffusion.withSteps(v));
  }

  /** The chosen kind's optimizer steps. */
  public int steps() {
    return switch (policy) {
      case BC_GAUSSIAN, BC_MSE -> bc.steps();
      case CVAE, CVAE_LEARNED_PRIOR -> cvae.steps();
      case DIFFUSION -> diffusion.steps();
    };
  }

  /** The chosen kind's seed. */
  public long seed() {
    return switch (policy) {
      case BC_GAUSSIAN, BC_MSE -> bc.seed();
      case CVAE, CVAE_LEARNED_PRIOR -> cvae.seed();
      case DIFFUSION -> diffusion.seed();
    };
  }
}
