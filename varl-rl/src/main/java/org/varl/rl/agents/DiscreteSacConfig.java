package org.varl.rl.agents;

import java.util.Arrays;

/**
 * Settings of a {@link DiscreteSacAgent}. Defaults ({@link #defaults()}) are Stable-Baselines3's
 * SAC defaults (learning_rate 3e-4 for actor, critics and α, buffer_size 1e6, batch_size 256,
 * learning_starts 100, tau 0.005, gamma 0.99, train_freq 1, gradient_steps 1,
 * target_update_interval 1, ent_coef "auto" starting at 1, net_arch [256, 256], ReLU), with
 * Christodoulou's (2019) target entropy ratio · log |A| at ratio 0.7 instead of the paper's 0.98:
 * with two actions 0.98 · log 2 asks for a policy within 2% of uniform, which a policy that prefers
 * one action cannot reach, so α would grow without bound.
 *
 * @param gamma the discount γ in [0, 1]
 * @param learningRate Adam's step size for actor, critics and log α
 * @param hidden hidden widths of the actor and of each critic (ReLU)
 * @param tau Polyak coefficient of the critics' targets, θ' ← τ θ + (1 − τ) θ'
 * @param targetUpdateInterval updates between target updates (after every update u with (u + 1) %
 *     interval == 0)
 * @param initialAlpha α at the start (and always, without {@code autoAlpha}), > 0
 * @param autoAlpha whether log α is learned to hold the policy's entropy at the target
 * @param targetEntropyRatio H̄ = ratio · log |A|, in (0, 1]
 * @param schedule the training loop's buffer, batch and update schedule
 */
public record DiscreteSacConfig(
    double gamma,
    double learningRate,
    int[] hidden,
    double tau,
    int targetUpdateInterval,
    double initialAlpha,
    boolean autoAlpha,
    double targetEntropyRatio,
    UpdateSchedule schedule) {

  /** Validates every field; messages name the option and the value. */
  public DiscreteSacConfig {
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], found " + gamma);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    hidden = SoftQConfig.checkHidden(hidden);
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], found " + tau);
    }
    if (targetUpdateInterval < 1) {
      throw new IllegalArgumentException(
          "target-update-interval must be >= 1, found " + targetUpdateInterval);
    }
    if (!(initialAlpha > 0) || Double.isInfinite(initialAlpha)) {
      throw new IllegalArgumentException("alpha must be > 0 and finite, found " + initialAlpha);
    }
    if (!(targetEntropyRatio > 0 && targetEntropyRatio <= 1)) {
      throw new IllegalArgumentException(
          "target-entropy-ratio must be in (0, 1], found " + targetEntropyRatio);
    }
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must be given");
    }
  }

  /** SB3's SAC defaults with target entropy 0.7 · log |A|; see the class javadoc. */
  public static DiscreteSacConfig defaults() {
    return new DiscreteSacConfig(
        0.99,
        3e-4,
        new int[] {256, 256},
        0.005,
        1,
        1.0,
        true,
        0.7,
        new UpdateSchedule(1_000_000, 256, 100, 1, 1));
  }

  /** The target entropy H̄ = ratio · log |A| for {@code actions} actions, in nats. */
  public double targetEntropy(int actions) {
    return targetEntropyRatio * Math.log(actions);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** Copy with another discount. */
  public DiscreteSacConfig withGamma(double g) {
    return new DiscreteSacConfig(
        g,
        learningRate,
        hidden,
        tau,
        targetUpdateInterval,
        initialAlpha,
        autoAlpha,
        targetEntropyRatio,
        schedule);
  }

  /** Copy with another step size. */
  public DiscreteSacConfig withLearningRate(double lr) {
    return new DiscreteSacConfig(
        gamma,
        lr,
        hidden,
        tau,
        targetUpdateInterval,
        initialAlpha,
        autoAlpha,
        targetEntropyRatio,
        schedule);
  }

  /** Copy with other hidden widths. */
  public DiscreteSacConfig withHidden(int... widths) {
    return new DiscreteSacConfig(
        gamma,
        learningRate,
        widths,
        tau,
        targetUpdateInterval,
        initialAlpha,
        autoAlpha,
        targetEntropyRatio,
        schedule);
  }

  /** Copy with another target update: every {@code interval} updates with coefficient τ. */
  public DiscreteSacConfig withTargetUpdate(int interval, double t) {
    return new DiscreteSacConfig(
        gamma,
        learningRate,
        hidden,
        t,
        interval,
        initialAlpha,
        autoAlpha,
        targetEntropyRatio,
        schedule);
  }

  /** Copy with a fixed temperature α (no automatic tuning). */
  public DiscreteSacConfig withFixedAlpha(double alpha) {
    return new DiscreteSacConfig(
        gamma,
        learningRate,
        hidden,
        tau,
        targetUpdateInterval,
        alpha,
        false,
        targetEntropyRatio,
        schedule);
  }

  /** Copy with automatic α from {@code initial}, aiming at {@code ratio} · log |A|. */
  public DiscreteSacConfig withAutoAlpha(double initial, double ratio) {
    return new DiscreteSacConfig(
        gamma, learningRate, hidden, tau, targetUpdateInterval, initial, true, ratio, schedule);
  }

  /** Copy with another training-loop schedule. */
  public DiscreteSacConfig withSchedule(UpdateSchedule s) {
    return new DiscreteSacConfig(
        gamma,
        learningRate,
        hidden,
        tau,
        targetUpdateInterval,
        initialAlpha,
        autoAlpha,
        targetEntropyRatio,
        s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiscreteSacConfig c
        && Double.compare(gamma, c.gamma) == 0
        && Double.compare(learningRate, c.learningRate) == 0
        && Arrays.equals(hidden, c.hidden)
        && Double.compare(tau, c.tau) == 0
        && targetUpdateInterval == c.targetUpdateInterval
        && Double.compare(initialAlpha, c.initialAlpha) == 0
        && autoAlpha == c.autoAlpha
        && Double.compare(targetEntropyRatio, c.targetEntropyRatio) == 0
        && schedule.equals(c.schedule);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hidden) + Double.hashCode(learningRate) + schedule.hashCode();
  }

  @Override
  public String toString() {
    return "DiscreteSacConfig[gamma="
        + gamma
        + ", lr="
        + learningRate
        + ", hidden="
        + Arrays.toString(hidden)
        + ", tau="
        + tau
        + ", targetUpdateInterval="
        + targetUpdateInterval
        + ", alpha="
        + (autoAlpha ? "auto from " + initialAlpha : initialAlpha)
        + ", targetEntropyRatio="
        + targetEntropyRatio
        + ", schedule="
        + schedule
        + "]";
  }
}
