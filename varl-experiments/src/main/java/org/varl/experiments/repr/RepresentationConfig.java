package org.varl.experiments.repr;

import java.util.List;
import java.util.function.UnaryOperator;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.train.TrainConfig;

/**
 * The representation comparison (issue 13): SAC with the same hyper-parameters, seeds and
 * environment steps on three observations of Pendulum.
 *
 * <ul>
 *   <li>{@code state}: {@code pendulum}'s (cos θ, sin θ, θ̇);
 *   <li>{@code vae-z}: {@code pendulum-pixels} seen through a frozen conv VAE (latent {@code
 *       latent} per frame) trained for {@code vaeEpochs} epochs on {@code collectSteps} frames of a
 *       uniform random policy (those steps are not counted in {@code steps});
 *   <li>the pixels variant: {@code pendulum-pixels}' raw stack, with the agent that {@link
 *       #pixels()} configures: by default SAC+AE's conv encoder trained through the critic (label
 *       {@code pixels}); {@link PixelsVariant#mlp()} is the plain MLP on the flattened stack (label
 *       {@code pixels-mlp}).
 * </ul>
 *
 * @param steps SAC environment steps per run, ≥ 200
 * @param seeds seeds seed, seed + 1, …, ≥ 1
 * @param seed the first seed
 * @param pixelOptions frame size and stack
 * @param collectSteps random-policy frames the VAE is trained on, ≥ 100
 * @param vaeEpochs VAE epochs, ≥ 1
 * @param latent VAE latent size per frame, ≥ 1
 * @param vaeHidden the conv VAE's fully connected width, ≥ 1
 * @param evalEvery steps between evaluations (the curves' points), ≥ 1
 * @param evalEpisodes deterministic episodes per evaluation, ≥ 1
 * @param probeFrames held-out random-policy frames for the linear probes (half fit, half score)
 * @param variants which of {@code state}, {@code vae-z}, {@code pixels} to run, in order
 * @param pixels the pixels variant's label and the change it makes to its training config
 * @param belief the {@code belief} variant's sequential latent model
 * @param refitEvery for {@code vae-z-refit} (vae-z with {@code --encoder-refit-every}): steps
 *     between refits of the VAE on the buffer's frames (2 epochs each)
 */
public record RepresentationConfig(
    long steps,
    int seeds,
    long seed,
    PixelOptions pixelOptions,
    int collectSteps,
    int vaeEpochs,
    int latent,
    int vaeHidden,
    long evalEvery,
    int evalEpisodes,
    int probeFrames,
    List<String> variants,
    PixelsVariant pixels,
    long refitEvery,
    int vaeBatch,
    BeliefVariant belief) {

  /** The variant names. */
  public static final List<String> VARIANTS =
      List.of("state", "vae-z", "pixels", "vae-z-refit", "belief");

  /**
   * The {@code belief} variant (issue 14, the SLAC idea of Lee et al. 2019): SAC on the filtering
   * belief b_t = [μ_z,t, h_t] of a sequential latent model (an RSSM, {@link
   * org.varl.models.ssm.SequenceModel}) trained on frames of a uniform random policy, one frame per
   * observation whatever {@link #pixelOptions()} stacks (frame stack 1: the velocity is hidden, the
   * model must infer it).
   *
   * @param collectSteps random-policy steps whose frames the model is trained on (not counted in
   *     {@code steps}), ≥ 200
   * @param window steps per training sequence (windows cut inside episodes), in [2, 200]
   * @param dimZ size of z_t, ≥ 1
   * @param hidden width of the model's networks, ≥ 1
   * @param deterministic size of the RSSM's h_t, ≥ 1
   * @param trainSteps Adam steps of the model (batch 32, step size 3e-3: {@code varl ssm train}'s
   *     defaults), ≥ 1
   */
  public record BeliefVariant(
      int collectSteps, int window, int dimZ, int hidden, int deterministic, int trainSteps) {

    public BeliefVariant {
      if (collectSteps < 200) {
        throw new IllegalArgumentException(
            "belief-collect-steps must be >= 200, found " + collectSteps);
      }
      if (window < 2 || window > 200) {
        throw new IllegalArgumentException("belief-window must be in [2, 200], found " + window);
      }
      if (dimZ < 1 || dimZ > 256) {
        throw new IllegalArgumentException("belief-dim-z must be in [1, 256], found " + dimZ);
      }
      if (hidden < 1 || hidden > 4096) {
        throw new IllegalArgumentException("belief-hidden must be in [1, 4096], found " + hidden);
      }
      if (deterministic < 1 || deterministic > 4096) {
        throw new IllegalArgumentException(
            "belief-deterministic must be in [1, 4096], found " + deterministic);
      }
      if (trainSteps < 1) {
        throw new IllegalArgumentException("belief-model-steps must be >= 1, found " + trainSteps);
      }
    }

    /**
     * The model measured in the README's pixel section: 20,000 random frames, windows of 40, z of
     * 4, networks of 128, h_t of 32, 3,000 Adam steps.
     */
    public static BeliefVariant defaults() {
      return new BeliefVariant(20_000, 40, 4, 128, 32, 3_000);
    }
  }

  /**
   * How the pixels variant trains: its label in the outputs and the change to its {@link
   * TrainConfig} (e.g. a conv encoder trained through the critic, once SAC has one).
   */
  public record PixelsVariant(String label, UnaryOperator<TrainConfig> configure) {

    /** SAC's plain MLP on the flattened frame stack (an ablation: no convolutions). */
    public static PixelsVariant mlp() {
      return new PixelsVariant("pixels-mlp", c -> c);
    }

    /**
     * The baseline: SAC with SAC+AE's conv encoder trained end to end through the critic
     * ({@code rl train --encoder conv}, {@link org.varl.rl.agents.ConvEncoder}), with its encoder
     * defaults (50 features, critic τ 0.01, encoder τ 0.05, 1,000 random steps).
     */
    public static PixelsVariant conv() {
      return new PixelsVariant("pixels", c -> c.withEncoder("conv", 0));
    }

    /** {@code conv} or {@code mlp}; anything else names the value. */
    public static PixelsVariant parse(String name) {
      return switch (name.strip()) {
        case "conv" -> conv();
        case "mlp" -> mlp();
        default ->
            throw new IllegalArgumentException("pixels must be conv or mlp, found '" + name + "'");
      };
    }
  }

  /** Checks every field; messages name the option and value. */
  public RepresentationConfig {
    if (steps < 200) {
      throw new IllegalArgumentException("steps must be >= 200, found " + steps);
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, found " + seeds);
    }
    if (collectSteps < 100) {
      throw new IllegalArgumentException("collect-steps must be >= 100, found " + collectSteps);
    }
    if (vaeEpochs < 1) {
      throw new IllegalArgumentException("vae-epochs must be >= 1, found " + vaeEpochs);
    }
    if (latent < 1 || latent > 256) {
      throw new IllegalArgumentException("latent must be in [1, 256], found " + latent);
    }
    if (vaeHidden < 1) {
      throw new IllegalArgumentException("vae-hidden must be >= 1, found " + vaeHidden);
    }
    if (evalEvery < 1) {
      throw new IllegalArgumentException("eval-every must be >= 1, found " + evalEvery);
    }
    if (evalEpisodes < 1) {
      throw new IllegalArgumentException("eval-episodes must be >= 1, found " + evalEpisodes);
    }
    if (probeFrames < 20) {
      throw new IllegalArgumentException("probe-frames must be >= 20, found " + probeFrames);
    }
    if (variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("variants must name at least one of " + VARIANTS);
    }
    for (String v : variants) {
      if (!VARIANTS.contains(v)) {
        throw new IllegalArgumentException(
            "variants must be among " + String.join(", ", VARIANTS) + ", found '" + v + "'");
      }
    }
    variants = List.copyOf(variants);
    if (vaeBatch < 1) {
      throw new IllegalArgumentException("vae-batch-size must be >= 1, found " + vaeBatch);
    }
    if (refitEvery < 1) {
      throw new IllegalArgumentException("refit-every must be >= 1, found " + refitEvery);
    }
    if (pixels == null) {
      pixels = PixelsVariant.conv();
    }
    if (belief == null) {
      belief = BeliefVariant.defaults();
    }
  }

  /**
   * The budget: 20,000 steps, 3 seeds from 1, 32 × 32 frames stacked 3, a VAE (latent 8,
   * hidden 256) trained 5 epochs on 10,000 random frames, an evaluation of 10 episodes every 2,000
   * steps, probes on 4,000 held-out frames, all three variants, pixels with the conv encoder.
   */
  public static RepresentationConfig defaults() {
    return new RepresentationConfig(
        20_000,
        3,
        1,
        PixelOptions.defaults(),
        10_000,
        5,
        8,
        256,
        2_000,
        10,
        4_000,
        List.of("state", "vae-z", "pixels"),
        PixelsVariant.conv(),
        5_000,
        128,
        BeliefVariant.defaults());
  }

  /** With {@code n} SAC steps per run. */
  public RepresentationConfig withSteps(long n) {
    return new RepresentationConfig(
        n,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With {@code n} seeds from {@code first}. */
  public RepresentationConfig withSeeds(int n, long first) {
    return new RepresentationConfig(
        steps,
        n,
        first,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With the VAE's data and training. */
  public RepresentationConfig withVae(int frames, int epochs, int latentSize, int hidden) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        frames,
        epochs,
        latentSize,
        hidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With the rendering options. */
  public RepresentationConfig withPixelOptions(PixelOptions p) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        p,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With an evaluation of {@code episodes} every {@code every} steps. */
  public RepresentationConfig withEvaluation(long every, int episodes) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        every,
        episodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With {@code n} probe frames. */
  public RepresentationConfig withProbeFrames(int n) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        n,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With only {@code names} run. */
  public RepresentationConfig withVariants(List<String> names) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        names,
        pixels,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With the pixels variant {@code p}. */
  public RepresentationConfig withPixels(PixelsVariant p) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        p,
        refitEvery,
        vaeBatch,
        belief);
  }

  /** With a refit of the VAE every {@code n} steps in {@code vae-z-refit}. */
  public RepresentationConfig withRefitEvery(long n) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        n,
        vaeBatch,
        belief);
  }

  /** With VAE mini-batches of {@code n} frames. */
  public RepresentationConfig withVaeBatch(int n) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        n,
        belief);
  }

  /** With the belief variant's model {@code b}. */
  public RepresentationConfig withBelief(BeliefVariant b) {
    return new RepresentationConfig(
        steps,
        seeds,
        seed,
        pixelOptions,
        collectSteps,
        vaeEpochs,
        latent,
        vaeHidden,
        evalEvery,
        evalEpisodes,
        probeFrames,
        variants,
        pixels,
        refitEvery,
        vaeBatch,
        b);
  }

  /** The label of variant {@code name} in the outputs ({@code pixels} → the pixels label). */
  public String label(String name) {
    return name.equals("pixels") ? pixels.label() : name;
  }
}
