package org.varl.rl.agents;

/**
 * The settings of {@link SacAgent}; defaults are Haarnoja et al. (2018, "Soft Actor-Critic
 * Algorithms and Applications", table 1) with rl-zoo's Pendulum learning rate, as in {@code
 * ../shared/peers/torch_sac_pendulum_peer.py}.
 *
 * @param gamma discount γ ∈ (0, 1] (0.99)
 * @param tau Polyak coefficient τ ∈ (0, 1] of the target critics (0.005)
 * @param learningRate Adam step size of actor, critics and log α (1e-3: rl-zoo's Pendulum-v1
 *     setting; the paper's 3e-4)
 * @param hidden width of each of the two hidden layers of actor and critics (256)
 * @param autoAlpha whether α is learned (Haarnoja et al. 2018, section 5: min over log α of −log α
 *     · E[log π(a|s) + H̄])
 * @param alpha the fixed temperature when {@code autoAlpha} is false, the initial one when true (1:
 *     SB3's {@code ent_coef="auto"} starts at log α = 0)
 * @param targetEntropy H̄; NaN means −|A| (the paper's heuristic)
 * @param logStdMin lower clamp of the actor's log σ (−20, SB3's LOG_STD_MIN)
 * @param logStdMax upper clamp of the actor's log σ (2, SB3's LOG_STD_MAX)
 * @param encoder the convolutional encoder in front of actor and critics for image observations
 *     (SAC+AE, {@link ConvEncoder}), or null for none (flat observations straight into the MLPs)
 */
public record SacConfig(
    double gamma,
    double tau,
    double learningRate,
    int hidden,
    boolean autoAlpha,
    double alpha,
    double targetEntropy,
    double logStdMin,
    double logStdMax,
    ConvEncoderConfig encoder) {

  /** Checks every field; the message names it and its value. */
  public SacConfig {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], found " + gamma);
    }
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], found " + tau);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be >= 0 and finite, found " + alpha);
    }
    if (autoAlpha && !(alpha > 0)) {
      throw new IllegalArgumentException(
          "alpha must be > 0 as the start of a learned temperature, found " + alpha);
    }
    if (Double.isInfinite(targetEntropy)) {
      throw new IllegalArgumentException("target entropy must be finite, found " + targetEntropy);
    }
    if (!(logStdMin < logStdMax)) {
      throw new IllegalArgumentException(
          "log std bounds must satisfy min < max, found " + logStdMin + " and " + logStdMax);
    }
  }

  /** The paper's settings with rl-zoo's Pendulum learning rate and a learned α. */
  public static SacConfig defaults() {
    return new SacConfig(0.99, 0.005, 1e-3, 256, true, 1.0, Double.NaN, -20, 2, null);
  }

  /** With discount γ. */
  public SacConfig withGamma(double g) {
    return new SacConfig(
        g,
        tau,
        learningRate,
        hidden,
        autoAlpha,
        alpha,
        targetEntropy,
        logStdMin,
        logStdMax,
        encoder);
  }

  /** With Polyak coefficient τ. */
  public SacConfig withTau(double t) {
    return new SacConfig(
        gamma,
        t,
        learningRate,
        hidden,
        autoAlpha,
        alpha,
        targetEntropy,
        logStdMin,
        logStdMax,
        encoder);
  }

  /** With Adam step size {@code lr}. */
  public SacConfig withLearningRate(double lr) {
    return new SacConfig(
        gamma, tau, lr, hidden, autoAlpha, alpha, targetEntropy, logStdMin, logStdMax, encoder);
  }

  /** With hidden width {@code h}. */
  public SacConfig withHidden(int h) {
    return new SacConfig(
        gamma,
        tau,
        learningRate,
        h,
        autoAlpha,
        alpha,
        targetEntropy,
        logStdMin,
        logStdMax,
        encoder);
  }

  /** With a fixed temperature α ≥ 0 (α = 0: no entropy bonus). */
  public SacConfig withFixedAlpha(double a) {
    return new SacConfig(
        gamma, tau, learningRate, hidden, false, a, targetEntropy, logStdMin, logStdMax, encoder);
  }

  /** With a learned temperature starting at α. */
  public SacConfig withAutoAlpha(double initial) {
    return new SacConfig(
        gamma,
        tau,
        learningRate,
        hidden,
        true,
        initial,
        targetEntropy,
        logStdMin,
        logStdMax,
        encoder);
  }

  /** With target entropy H̄ (NaN: −|A|). */
  public SacConfig withTargetEntropy(double h) {
    return new SacConfig(
        gamma, tau, learningRate, hidden, autoAlpha, alpha, h, logStdMin, logStdMax, encoder);
  }

  /** With the convolutional encoder {@code e} (null: none). */
  public SacConfig withEncoder(ConvEncoderConfig e) {
    return new SacConfig(
        gamma, tau, learningRate, hidden, autoAlpha, alpha, targetEntropy, logStdMin, logStdMax, e);
  }

  /** H̄ for an action space of {@code actionDim} dimensions: the given one or −|A|. */
  public double targetEntropy(int actionDim) {
    return Double.isNaN(targetEntropy) ? -actionDim : targetEntropy;
  }
}
