package org.varl.rl.agents;

import java.util.Arrays;

/**
 * Settings of a {@link SoftQAgent}: soft Q-learning for discrete actions, with DQN as its α = 0
 * case.
 *
 * <p>Defaults ({@link #defaults()}) are rl-baselines3-zoo's tuned DQN for CartPole-v1
 * (hyperparams/dqn.yml, "Almost Tuned" CartPole-v1: n_timesteps 5e4, learning_rate 2.3e-3,
 * batch_size 64, buffer_size 100000, learning_starts 1000, gamma 0.99, target_update_interval 10,
 * train_freq 256, gradient_steps 128, exploration_fraction 0.16, exploration_final_eps 0.04,
 * net_arch [256, 256]) with SB3's DQN defaults for the rest (Huber loss, max_grad_norm 10, tau 1,
 * exploration_initial_eps 1, ReLU).
 *
 * <p>Two translations from SB3's units. The ε schedule's length is given in environment steps:
 * exploration_fraction 0.16 of 50,000 steps is 8,000. SB3 counts target_update_interval in
 * environment steps (10) and copies the target every 10 steps; with 256 steps between bursts of 128
 * updates that is one copy before every burst and a target fixed within it, which is a copy every
 * 128 updates here ({@link #targetUpdateInterval} counts updates).
 *
 * @param alpha the temperature α ≥ 0 of the soft Bellman target and the Boltzmann policy
 *     softmax(Q/α); α = 0 is DQN (hard max target, ε-greedy exploration)
 * @param gamma the discount γ in [0, 1]
 * @param learningRate Adam's step size
 * @param hidden the hidden widths of the Q network (ReLU), input the observation, output |A|
 * @param loss the TD regression loss
 * @param maxGradNorm the global gradient-norm clip (0 = none)
 * @param targetUpdateInterval updates between target updates: the target is updated before every
 *     update u with u % targetUpdateInterval == 0
 * @param tau the target update's Polyak coefficient, θ' ← τ θ + (1 − τ) θ' (1 = a copy)
 * @param initialEpsilon ε at step 0 (α = 0 only)
 * @param finalEpsilon ε from step {@code explorationSteps} on (α = 0 only)
 * @param explorationSteps environment steps of the linear decay of ε (α = 0 only)
 * @param schedule the training loop's buffer, batch and update schedule
 * @param learningRateDecayUpdates 0 for a constant step size, else the number of updates over which
 *     it falls linearly to 0 (SB3's {@code linear_schedule}, rl-zoo's {@code lin_} prefix; give the
 *     run's total number of updates)
 */
public record SoftQConfig(
    double alpha,
    double gamma,
    double learningRate,
    int[] hidden,
    TdLoss loss,
    double maxGradNorm,
    int targetUpdateInterval,
    double tau,
    double initialEpsilon,
    double finalEpsilon,
    long explorationSteps,
    UpdateSchedule schedule,
    long learningRateDecayUpdates) {

  /** Validates every field; messages name the option and the value. */
  public SoftQConfig {
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be >= 0 and finite, found " + alpha);
    }
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], found " + gamma);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    hidden = checkHidden(hidden);
    if (loss == null) {
      throw new IllegalArgumentException("loss must be given");
    }
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      throw new IllegalArgumentException(
          "max-grad-norm must be >= 0 and finite, found " + maxGradNorm);
    }
    if (targetUpdateInterval < 1) {
      throw new IllegalArgumentException(
          "target-update-interval must be >= 1, found " + targetUpdateInterval);
    }
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], found " + tau);
    }
    if (!(initialEpsilon >= 0 && initialEpsilon <= 1)) {
      throw new IllegalArgumentException(
          "exploration-initial-eps must be in [0, 1], found " + initialEpsilon);
    }
    if (!(finalEpsilon >= 0 && finalEpsilon <= 1)) {
      throw new IllegalArgumentException(
          "exploration-final-eps must be in [0, 1], found " + finalEpsilon);
    }
    if (explorationSteps < 0) {
      throw new IllegalArgumentException(
          "exploration-steps must be >= 0, found " + explorationSteps);
    }
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must be given");
    }
    if (learningRateDecayUpdates < 0) {
      throw new IllegalArgumentException(
          "lr-decay-updates must be >= 0, found " + learningRateDecayUpdates);
    }
  }

  static int[] checkHidden(int[] hidden) {
    if (hidden == null || hidden.length == 0) {
      throw new IllegalArgumentException("hidden must list at least one width");
    }
    for (int i = 0; i < hidden.length; i++) {
      if (hidden[i] < 1) {
        throw new IllegalArgumentException(
            "hidden width must be >= 1, found " + hidden[i] + " at index " + i);
      }
    }
    return hidden.clone();
  }

  /**
   * The temperature of {@link #softQDefaults()}, chosen for CartPole-v1 (reward 1 per step, Q up to
   * ~100, action gaps well below 1; α = 0.01 is nearly greedy there). Measured through the trainer
   * (bench/cartpole-discrete.sh, 50,000 steps, seeds 1–3): 500 / 269 / 232 with a constant step
   * size, 500 / 500 / 500 with the step size decayed linearly to 0 over the run's 24,576 updates.
   */
  public static final double SOFT_Q_ALPHA = 0.1;

  /** rl-zoo's CartPole-v1 DQN (α = 0); see the class javadoc for the sources. */
  public static SoftQConfig defaults() {
    return new SoftQConfig(
        0.0,
        0.99,
        2.3e-3,
        new int[] {256, 256},
        TdLoss.HUBER,
        10.0,
        128,
        1.0,
        1.0,
        0.04,
        8_000,
        new UpdateSchedule(100_000, 64, 1_000, 256, 128),
        0);
  }

  /**
   * {@link #defaults()} with α = {@link #SOFT_Q_ALPHA} and the step size decayed linearly to 0 over
   * the 24,576 updates of a 50,000-step run (rl-zoo's CartPole budget; a longer run should set
   * {@link #withLearningRateDecay} to {@code schedule().totalUpdates(steps)}): soft Q-learning.
   */
  public static SoftQConfig softQDefaults() {
    SoftQConfig c = defaults().withAlpha(SOFT_Q_ALPHA);
    return c.withLearningRateDecay(c.schedule().totalUpdates(50_000));
  }

  /** Whether this is DQN (α = 0). */
  public boolean isDqn() {
    return alpha == 0;
  }

  /**
   * ε of the ε-greedy policy at environment step {@code step}: SB3's linear schedule, ε_0 + (ε_1 −
   * ε_0) · min(1, step / explorationSteps).
   */
  public double epsilon(long step) {
    if (explorationSteps == 0 || step >= explorationSteps) {
      return finalEpsilon;
    }
    return initialEpsilon + (finalEpsilon - initialEpsilon) * ((double) step / explorationSteps);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** Copy with another temperature (0 = DQN). */
  public SoftQConfig withAlpha(double a) {
    return new SoftQConfig(
        a,
        gamma,
        learningRate,
        hidden,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another discount. */
  public SoftQConfig withGamma(double g) {
    return new SoftQConfig(
        alpha,
        g,
        learningRate,
        hidden,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another step size. */
  public SoftQConfig withLearningRate(double lr) {
    return new SoftQConfig(
        alpha,
        gamma,
        lr,
        hidden,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /**
   * Copy with the step size falling linearly to 0 over {@code updates} updates (0 = constant): the
   * run's total, so that the last iterates settle (rl-zoo's {@code lin_} schedules).
   */
  public SoftQConfig withLearningRateDecay(long updates) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        hidden,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        updates);
  }

  /** Copy with other hidden widths. */
  public SoftQConfig withHidden(int... widths) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        widths,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another TD loss. */
  public SoftQConfig withLoss(TdLoss l) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        hidden,
        l,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another gradient clip (0 = none). */
  public SoftQConfig withMaxGradNorm(double norm) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        hidden,
        loss,
        norm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another target update: every {@code interval} updates with coefficient τ. */
  public SoftQConfig withTargetUpdate(int interval, double t) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        hidden,
        loss,
        maxGradNorm,
        interval,
        t,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another ε schedule: from {@code initial} to {@code last} over {@code steps}. */
  public SoftQConfig withExploration(double initial, double last, long steps) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        hidden,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initial,
        last,
        steps,
        schedule,
        learningRateDecayUpdates);
  }

  /** Copy with another training-loop schedule. */
  public SoftQConfig withSchedule(UpdateSchedule s) {
    return new SoftQConfig(
        alpha,
        gamma,
        learningRate,
        hidden,
        loss,
        maxGradNorm,
        targetUpdateInterval,
        tau,
        initialEpsilon,
        finalEpsilon,
        explorationSteps,
        s,
        learningRateDecayUpdates);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftQConfig c
        && Double.compare(alpha, c.alpha) == 0
        && Double.compare(gamma, c.gamma) == 0
        && Double.compare(learningRate, c.learningRate) == 0
        && Arrays.equals(hidden, c.hidden)
        && loss == c.loss
        && Double.compare(maxGradNorm, c.maxGradNorm) == 0
        && targetUpdateInterval == c.targetUpdateInterval
        && Double.compare(tau, c.tau) == 0
        && Double.compare(initialEpsilon, c.initialEpsilon) == 0
        && Double.compare(finalEpsilon, c.finalEpsilon) == 0
        && explorationSteps == c.explorationSteps
        && schedule.equals(c.schedule)
        && learningRateDecayUpdates == c.learningRateDecayUpdates;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hidden) + Double.hashCode(alpha) + schedule.hashCode();
  }

  @Override
  public String toString() {
    return "SoftQConfig[alpha="
        + alpha
        + ", gamma="
        + gamma
        + ", lr="
        + learningRate
        + ", hidden="
        + Arrays.toString(hidden)
        + ", loss="
        + loss.id()
        + ", maxGradNorm="
        + maxGradNorm
        + ", targetUpdateInterval="
        + targetUpdateInterval
        + ", tau="
        + tau
        + ", epsilon="
        + initialEpsilon
        + "->"
        + finalEpsilon
        + " over "
        + explorationSteps
        + ", schedule="
        + schedule
        + ", lrDecayUpdates="
        + learningRateDecayUpdates
        + "]";
  }
}
