package org.varl.rl.agents;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.distributions.Categorical;
import org.varl.core.engine.Scalars;
import org.varl.core.engine.TensorViews;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Heads;
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
 * Soft actor-critic for discrete actions (Christodoulou 2019, "Soft Actor-Critic for Discrete
 * Action Settings", arXiv:1910.07207): twin critics Q_1, Q_2 that output a value per action, a
 * categorical actor π(·|s) = softmax(logits) ({@link Heads#categorical}), and, because the action
 * set is finite, exact expectations over actions where continuous SAC samples one:
 *
 * <pre>
 *   target: y    = r + γ (1 − terminated) Σ_a′ π(a′|s′) [min_i Q_i'(s′, a′) − α log π(a′|s′)]
 *   critic: L_Q  = ½ Σ_i mean (Q_i(s, a) − y)²                                  (SB3's 0.5 · Σ mse)
 *   actor:  J_π  = mean_s Σ_a π(a|s) [α log π(a|s) − min_i Q_i(s, a)]          (Q after the critic step, held fixed)
 *   alpha:  J(log α) = log α · (H − H̄),  H = mean_s −Σ_a π(a|s) log π(a|s),  H̄ = ratio · log |A|
 *   Polyak: θ_i' ← τ θ_i + (1 − τ) θ_i'
 * </pre>
 *
 * in that order within one {@link #update}. The α loss is SB3's {@code −log α · (log π + H̄)} with
 * the expectation over actions taken exactly: its gradient H − H̄ lowers α while the policy's
 * entropy is above the target and raises it below. Terms π log π use {@code StableMath.xLogY}, so a
 * probability that underflows to 0 contributes 0, not NaN.
 *
 * <p>Acting samples π(·|s) by Gumbel-max from {@code NoiseStream.generator(seed, ACTION_NOISE, t)};
 * the deterministic action is argmax π. Updates draw no noise. Initial parameters (actor, Q_1, Q_2
 * in that order) come from the seed's {@code PARAMETERS} stream; the targets start as copies.
 *
 * <p>Checkpoint entries: {@code actor/}, {@code q1/}, {@code q2/}, {@code q1_target/}, {@code
 * q2_target/} (parameters), {@code actor_adam/}, {@code critic_adam/}, {@code alpha_adam/} (Adam
 * states), {@code log_alpha}. Kind {@code dsac}.
 */
public final class DiscreteSacAgent implements Agent {

  private final DiscreteSacConfig config;
  private final int observationDim;
  private final int actions;
  private final long seed;
  private final double targetEntropy;
  private final NDManager manager;
  private final Mlp actor;
  private final Mlp q1;
  private final Mlp q2;
  private final Mlp q1Target;
  private final Mlp q2Target;
  private final NDArray logAlpha;
  private final Adam actorOptimizer;
  private final Adam criticOptimizer;
  private final Adam alphaOptimizer;

  private DiscreteSacAgent(
      NDManager parent, int observationDim, int actions, DiscreteSacConfig config, long seed) {
    if (observationDim < 1) {
      throw new IllegalArgumentException(
          "observation dimension must be >= 1, found " + observationDim);
    }
    if (actions < 2) {
      throw new IllegalArgumentException(
          "dsac needs at least 2 actions (target entropy ratio · log |A|), found " + actions);
    }
    this.config = config;
    this.observationDim = observationDim;
    this.actions = actions;
    this.seed = seed;
    this.targetEntropy = config.targetEntropy(actions);
    this.manager = parent.newSubManager();
    int[] widths = SoftQAgent.widths(observationDim, config.hidden(), actions);
    SplittableRandom init = NoiseStream.generator(seed, Streams.PARAMETERS);
    this.actor = Mlp.create(manager, Activation.RELU, init, widths);
    this.q1 = Mlp.create(manager, Activation.RELU, init, widths);
    this.q2 = Mlp.create(manager, Activation.RELU, init, widths);
    this.q1Target = Mlp.create(manager, Activation.RELU, init, widths);
    this.q2Target = Mlp.create(manager, Activation.RELU, init, widths);
    q1Target.freeze();
    q2Target.freeze();
    Polyak.update(q1Target.parameters(), q1.parameters(), 1.0);
    Polyak.update(q2Target.parameters(), q2.parameters(), 1.0);
    this.logAlpha = manager.create(new float[] {(float) Math.log(config.initialAlpha())});
    this.actorOptimizer = Adam.of(actor.parameters(), config.learningRate());
    List<NDArray> critics = new ArrayList<>(q1.parameters());
    critics.addAll(q2.parameters());
    this.criticOptimizer = Adam.of(critics, config.learningRate());
    this.alphaOptimizer = Adam.of(List.of(logAlpha), config.learningRate());
  }

  /**
   * An agent for observations of {@code observationDim} values and {@code actions} ≥ 2 actions, its
   * arrays in a sub-manager of {@code parent} that {@link #close} frees.
   */
  public static DiscreteSacAgent create(
      NDManager parent, int observationDim, int actions, DiscreteSacConfig config, long seed) {
    return new DiscreteSacAgent(parent, observationDim, actions, config, seed);
  }

  /**
   * An agent for an environment's spaces.
   *
   * @throws IllegalArgumentException if the action space is not {@code Discrete}
   */
  public static DiscreteSacAgent create(
      NDManager parent, Box observations, Space actionSpace, DiscreteSacConfig config, long seed) {
    return create(
        parent,
        observations.dimension(),
        DiscreteChoice.actions(actionSpace, "dsac"),
        config,
        seed);
  }

  /**
   * The critic target {@code y = r + γ (1 − terminated) Σ_a′ π(a′|s′) [min(Q_1', Q_2') − α log
   * π(a′|s′)]} from {@code nextLogPi, nextQ1, nextQ2: [B, |A|]}; shape {@code [B]}.
   */
  static NDArray criticTarget(
      NDArray nextLogPi,
      NDArray nextQ1,
      NDArray nextQ2,
      NDArray rewards,
      NDArray terminated,
      float gamma,
      float alpha) {
    NDArray pi = nextLogPi.exp();
    NDArray softQ =
        pi.mul(nextQ1.minimum(nextQ2)).sub(Scalars.mul(StableMath.xLogY(pi, nextLogPi), alpha));
    NDArray value = softQ.sum(new int[] {-1});
    NDArray bootstrap = Scalars.mul(terminated.neg().add(1f), gamma);
    return rewards.add(bootstrap.mul(value));
  }

  /**
   * The actor loss {@code mean_s Σ_a π(a|s) [α log π(a|s) − minQ(s, a)]} from {@code logPi, minQ:
   * [B, |A|]} (minQ held fixed); a scalar.
   */
  static NDArray actorLoss(NDArray logPi, NDArray minQ, float alpha) {
    NDArray pi = logPi.exp();
    return Scalars.mul(StableMath.xLogY(pi, logPi), alpha)
        .sub(pi.mul(minQ))
        .sum(new int[] {-1})
        .mean();
  }

  @Override
  public double[] act(double[] observation, boolean deterministic, long step) {
    float[] logits = logits(observation);
    if (deterministic) {
      return new double[] {DiscreteChoice.argmax(logits)};
    }
    SplittableRandom random = NoiseStream.generator(seed, Streams.ACTION_NOISE, step);
    return new double[] {DiscreteChoice.gumbelMax(logits, 1.0, random)};
  }

  /** The actor's logits for one observation, {@code [|A|]}. */
  public float[] logits(double[] observation) {
    try (NDManager step = manager.newSubManager()) {
      return actor
          .forward(DiscreteBatch.observation(step, observation, observationDim))
          .toFloatArray();
    }
  }

  @Override
  public UpdateMetrics update(ReplayBatch batch, long update) {
    float alpha = (float) Math.exp(logAlpha.toFloatArray()[0]);
    try (NDManager step = manager.newSubManager()) {
      DiscreteBatch b = DiscreteBatch.of(step, batch, observationDim, actions);
      // Target: an exact expectation over a′ under the current policy.
      NDArray nextLogPi = Heads.categorical(actor.forward(b.nextObservations())).logits();
      NDArray y =
          criticTarget(
              nextLogPi,
              q1Target.forward(b.nextObservations()),
              q2Target.forward(b.nextObservations()),
              b.rewards(),
              b.terminated(),
              (float) config.gamma(),
              alpha);
      // Critic.
      NDArray criticLoss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray l1 = b.atActions(q1.forward(b.observations())).sub(y).square().mean();
        NDArray l2 = b.atActions(q2.forward(b.observations())).sub(y).square().mean();
        criticLoss = Scalars.mul(l1.add(l2), 0.5f);
        collector.backward(criticLoss);
      }
      criticOptimizer.stepFromParameters();
      // Actor, against the updated critics, computed outside any collector: no gradient reaches
      // them.
      NDArray minQ = q1.forward(b.observations()).minimum(q2.forward(b.observations()));
      NDArray actorLoss;
      NDArray logPi;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        Categorical pi = Heads.categorical(actor.forward(b.observations()));
        logPi = pi.logits();
        actorLoss = actorLoss(logPi, minQ, alpha);
        collector.backward(actorLoss);
      }
      actorOptimizer.stepFromParameters();
      NDArray detached = logPi.stopGradient();
      double entropy =
          -StableMath.xLogY(detached.exp(), detached).sum(new int[] {-1}).mean().getFloat();
      // Alpha: ∂J/∂log α = H − H̄, given to Adam directly.
      if (config.autoAlpha()) {
        NDArray gradient =
            step.create(new float[] {(float) (entropy - targetEntropy)}, new Shape(1));
        alphaOptimizer.step(List.of(gradient));
      }
      // Polyak.
      if ((update + 1) % config.targetUpdateInterval() == 0) {
        Polyak.update(q1Target.parameters(), q1.parameters(), config.tau());
        Polyak.update(q2Target.parameters(), q2.parameters(), config.tau());
      }
      return new UpdateMetrics(criticLoss.getFloat(), actorLoss.getFloat(), alpha, entropy);
    }
  }

  @Override
  public void writeTo(Checkpoint.Builder checkpoint) {
    checkpoint.putParameters("actor/", actor.parameterNames(), actor.parameters());
    checkpoint.putParameters("q1/", q1.parameterNames(), q1.parameters());
    checkpoint.putParameters("q2/", q2.parameterNames(), q2.parameters());
    checkpoint.putParameters("q1_target/", q1Target.parameterNames(), q1Target.parameters());
    checkpoint.putParameters("q2_target/", q2Target.parameterNames(), q2Target.parameters());
    checkpoint.putAdam("actor_adam/", actorOptimizer.state());
    checkpoint.putAdam("critic_adam/", criticOptimizer.state());
    checkpoint.putAdam("alpha_adam/", alphaOptimizer.state());
    checkpoint.putFloats("log_alpha", new long[] {1}, logAlpha.toFloatArray());
  }

  @Override
  public void readFrom(Checkpoint checkpoint) {
    checkpoint.loadParameters("actor/", actor.parameterNames(), actor.parameters());
    checkpoint.loadParameters("q1/", q1.parameterNames(), q1.parameters());
    checkpoint.loadParameters("q2/", q2.parameterNames(), q2.parameters());
    checkpoint.loadParameters("q1_target/", q1Target.parameterNames(), q1Target.parameters());
    checkpoint.loadParameters("q2_target/", q2Target.parameterNames(), q2Target.parameters());
    actorOptimizer.restore(checkpoint.adamState("actor_adam/", actor.parameters().size()));
    criticOptimizer.restore(checkpoint.adamState("critic_adam/", 2 * q1.parameters().size()));
    alphaOptimizer.restore(checkpoint.adamState("alpha_adam/", 1));
    float[] stored = checkpoint.floats("log_alpha");
    if (stored.length != 1) {
      throw new IllegalArgumentException(
          "incompatible checkpoint: log_alpha has " + stored.length + " values, expected 1");
    }
    TensorViews.write(logAlpha, stored);
  }

  @Override
  public String kind() {
    return "dsac";
  }

  /** The settings. */
  public DiscreteSacConfig config() {
    return config;
  }

  /** The current temperature α = exp(log α). */
  public double alpha() {
    return Math.exp(logAlpha.toFloatArray()[0]);
  }

  /** The target entropy H̄ = ratio · log |A|, in nats. */
  public double targetEntropy() {
    return targetEntropy;
  }

  Mlp actor() {
    return actor;
  }

  Mlp q1() {
    return q1;
  }

  Mlp q2() {
    return q2;
  }

  Mlp q1Target() {
    return q1Target;
  }

  Mlp q2Target() {
    return q2Target;
  }

  @Override
  public void close() {
    actorOptimizer.close();
    criticOptimizer.close();
    alphaOptimizer.close();
    manager.close();
  }
}
