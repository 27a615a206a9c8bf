package org.varl.rl.agents;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.varl.core.engine.Scalars;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;
import org.varl.core.numerics.StableMath;
import org.varl.core.optim.Adam;
import org.varl.core.optim.Polyak;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.rl.env.Box;
import org.varl.rl.env.Space;
import org.varl.rl.replay.ReplayBatch;

/**
 * Soft Q-learning for discrete actions (Haarnoja et al. 2017, "Reinforcement learning with deep
 * energy-based policies", in its discrete form; the lecture's soft Bellman backup with a network),
 * with DQN (Mnih et al. 2015) as its α = 0 case in the same code path:
 *
 * <pre>
 *   y      = r + γ (1 − terminated) V'(s′)
 *   V'(s′) = α log Σ_a′ exp(Q_θ'(s′, a′) / α)      α &gt; 0  (shifted by the max: StableMath.logSumExp)
 *          = max_a′ Q_θ'(s′, a′)                    α = 0  (DQN; the α → 0 limit, within α log |A|)
 *   L(θ)   = mean ℓ(Q_θ(s, a) − y)                  ℓ Huber (SB3) or squared: {@link TdLoss}
 *   π(a|s) = softmax(Q_θ(s, ·) / α)                 α &gt; 0: acting samples it (Gumbel-max)
 *          = ε-greedy on Q_θ(s, ·)                   α = 0: ε linear from ε_0 to ε_1 (SB3's schedule)
 * </pre>
 *
 * θ' is the target network, updated before every update u with u % targetUpdateInterval == 0 as θ'
 * ← τθ + (1 − τ)θ' (τ = 1: DQN's copy). The deterministic action is argmax_a Q_θ(s, a) for every α.
 *
 * <p>Noise: the exploration draw at environment step t comes from {@code
 * NoiseStream.generator(seed, ACTION_NOISE, t)}; updates draw no noise. Initial parameters come
 * from the seed's {@code PARAMETERS} stream, and the target starts as a copy.
 *
 * <p>Checkpoint entries: {@code q/} and {@code q_target/} (parameters, {@link Mlp} names), {@code
 * q_adam/} (Adam state). Kind {@code dqn} for α = 0, {@code soft-q} otherwise.
 */
public final class SoftQAgent implements Agent {

  private final SoftQConfig config;
  private final int observationDim;
  private final int actions;
  private final long seed;
  private final NDManager manager;
  private final Mlp q;
  private final Mlp target;
  private final Adam optimizer;

  private SoftQAgent(
      NDManager parent, int observationDim, int actions, SoftQConfig config, long seed) {
    if (observationDim < 1) {
      throw new IllegalArgumentException(
          "observation dimension must be >= 1, found " + observationDim);
    }
    if (actions < 1) {
      throw new IllegalArgumentException("actions must be >= 1, found " + actions);
    }
    this.config = config;
    this.observationDim = observationDim;
    this.actions = actions;
    this.seed = seed;
    this.manager = parent.newSubManager();
    int[] widths = widths(observationDim, config.hidden(), actions);
    SplittableRandom init = NoiseStream.generator(seed, Streams.PARAMETERS);
    this.q = Mlp.create(manager, Activation.RELU, init, widths);
    this.target = Mlp.create(manager, Activation.RELU, init, widths);
    target.freeze();
    Polyak.update(target.parameters(), q.parameters(), 1.0);
    Adam.Builder adam = Adam.builder(q.parameters()).setLearningRate(config.learningRate());
    if (config.maxGradNorm() > 0) {
      adam.optMaxGradNorm(config.maxGradNorm());
    }
    if (config.learningRateDecayUpdates() > 0) {
      adam.optLinearDecay(config.learningRateDecayUpdates(), 0.0);
    }
    this.optimizer = adam.build();
  }

  /**
   * An agent for observations of {@code observationDim} values and {@code actions} actions, its
   * arrays in a sub-manager of {@code parent} that {@link #close} frees.
   */
  public static SoftQAgent create(
      NDManager parent, int observationDim, int actions, SoftQConfig config, long seed) {
    return new SoftQAgent(parent, observationDim, actions, config, seed);
  }

  /**
   * An agent for an environment's spaces.
   *
   * @throws IllegalArgumentException if the action space is not {@code Discrete}
   */
  public static SoftQAgent create(
      NDManager parent, Box observations, Space actionSpace, SoftQConfig config, long seed) {
    String kind = config.isDqn() ? "dqn" : "soft-q";
    return create(
        parent, observations.dimension(), DiscreteChoice.actions(actionSpace, kind), config, seed);
  }

  static int[] widths(int in, int[] hidden, int out) {
    int[] w = new int[hidden.length + 2];
    w[0] = in;
    System.arraycopy(hidden, 0, w, 1, hidden.length);
    w[w.length - 1] = out;
    return w;
  }

  /**
   * The soft Bellman target {@code y = r + γ (1 − terminated) V'}, V' the soft maximum α log Σ
   * exp(Q'/α) of {@code nextQ: [B, |A|]} over the last axis, or its hard max for α = 0; shape
   * {@code [B]}, in nextQ's manager.
   */
  static NDArray softTarget(
      NDArray nextQ, NDArray rewards, NDArray terminated, float gamma, float alpha) {
    NDArray value =
        alpha == 0
            ? nextQ.max(new int[] {-1})
            : Scalars.mul(StableMath.logSumExp(Scalars.div(nextQ, alpha), -1, false), alpha);
    NDArray bootstrap = Scalars.mul(terminated.neg().add(1f), gamma);
    return rewards.add(bootstrap.mul(value));
  }

  @Override
  public double[] act(double[] observation, boolean deterministic, long step) {
    float[] values = qValues(observation);
    if (deterministic) {
      return new double[] {DiscreteChoice.argmax(values)};
    }
    SplittableRandom random = NoiseStream.generator(seed, Streams.ACTION_NOISE, step);
    if (config.isDqn()) {
      if (random.nextDouble() < config.epsilon(step)) {
        return new double[] {random.nextInt(actions)};
      }
      return new double[] {DiscreteChoice.argmax(values)};
    }
    return new double[] {DiscreteChoice.gumbelMax(values, config.alpha(), random)};
  }

  /**
   * π(·|s) for one observation: softmax(Q_θ(s, ·)/α) for α &gt; 0 (computed in double, shifted by
   * the max), the greedy one-hot argmax for α = 0 (the policy the ε-greedy one explores around).
   */
  public double[] policy(double[] observation) {
    float[] values = qValues(observation);
    double[] pi = new double[values.length];
    if (config.isDqn()) {
      pi[DiscreteChoice.argmax(values)] = 1;
      return pi;
    }
    double max = values[DiscreteChoice.argmax(values)];
    double sum = 0;
    for (int a = 0; a < pi.length; a++) {
      pi[a] = Math.exp((values[a] - max) / config.alpha());
      sum += pi[a];
    }
    for (int a = 0; a < pi.length; a++) {
      pi[a] /= sum;
    }
    return pi;
  }

  /** Q_θ(s, ·) for one observation, {@code [|A|]}. */
  public float[] qValues(double[] observation) {
    try (NDManager step = manager.newSubManager()) {
      return q.forward(DiscreteBatch.observation(step, observation, observationDim)).toFloatArray();
    }
  }

  @Override
  public UpdateMetrics update(ReplayBatch batch, long update) {
    if (update % config.targetUpdateInterval() == 0) {
      Polyak.update(target.parameters(), q.parameters(), config.tau());
    }
    float alpha = (float) config.alpha();
    try (NDManager step = manager.newSubManager()) {
      DiscreteBatch b = DiscreteBatch.of(step, batch, observationDim, actions);
      NDArray y =
          softTarget(
              target.forward(b.nextObservations()),
              b.rewards(),
              b.terminated(),
              (float) config.gamma(),
              alpha);
      NDArray loss;
      NDArray values;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        values = q.forward(b.observations());
        loss = config.loss().apply(b.atActions(values).sub(y));
        collector.backward(loss);
      }
      optimizer.stepFromParameters();
      double entropy = 0;
      if (alpha > 0) {
        // H(softmax(Q/α)) on the batch, of the Q before this update.
        NDArray logPi = StableMath.logSoftmax(Scalars.div(values.stopGradient(), alpha), -1);
        entropy = -StableMath.xLogY(logPi.exp(), logPi).sum(new int[] {-1}).mean().getFloat();
      }
      return new UpdateMetrics(loss.getFloat(), Double.NaN, config.alpha(), entropy);
    }
  }

  @Override
  public void writeTo(Checkpoint.Builder checkpoint) {
    checkpoint.putParameters("q/", q.parameterNames(), q.parameters());
    checkpoint.putParameters("q_target/", target.parameterNames(), target.parameters());
    checkpoint.putAdam("q_adam/", optimizer.state());
  }

  @Override
  public void readFrom(Checkpoint checkpoint) {
    checkpoint.loadParameters("q/", q.parameterNames(), q.parameters());
    checkpoint.loadParameters("q_target/", target.parameterNames(), target.parameters());
    optimizer.restore(checkpoint.adamState("q_adam/", q.parameters().size()));
  }

  @Override
  public String kind() {
    return config.isDqn() ? "dqn" : "soft-q";
  }

  /** The settings. */
  public SoftQConfig config() {
    return config;
  }

  /** The online network Q_θ (for tests and evaluation). */
  Mlp q() {
    return q;
  }

  /** The target network Q_θ'. */
  Mlp target() {
    return target;
  }

  @Override
  public void close() {
    optimizer.close();
    manager.close();
  }
}
