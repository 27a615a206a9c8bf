package org.varl.rl.agents;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.Scalars;
import org.varl.core.engine.TensorViews;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;
import org.varl.core.numerics.StableMath;
import org.varl.core.optim.Adam;
import org.varl.core.optim.Polyak;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.rl.env.Box;
import org.varl.rl.env.ImageShape;
import org.varl.rl.replay.ReplayBatch;

/**
 * Soft actor-critic (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications"): twin
 * critics with Polyak-averaged targets, a tanh-squashed Gaussian actor, and a learned temperature.
 * One {@link #update} does, in the paper's order (CleanRL's and SB3's too):
 *
 * <pre>
 *   target:  y = r + γ (1 − terminated) (min_k Q̄_k(s′, a′) − α log π(a′|s′)),   a′ ~ π(·|s′)
 *   critic:  L_Q = Σ_k mean_batch (Q_k(s, a) − y)²                                    (one Adam step)
 *   actor:   L_π = mean_batch (α log π(ã|s) − min_k Q_k(s, ã)),  ã = tanh(μ + σ ε)  (the updated critics)
 *   alpha:   L_α = −log α · mean_batch (log π(ã|s) + H̄),   H̄ = −|A|                 (learned α only)
 *   Polyak:  θ̄ ← τ θ + (1 − τ) θ̄
 * </pre>
 *
 * with the loss forms of {@code ../shared/peers/torch_sac_pendulum_peer.py} (the sum of the two
 * critics' mean squared errors, α read before its own update). A time-limit truncation is not
 * terminal and bootstraps (SB3 issue 284): the batch carries {@code terminated} only.
 *
 * <p>The policy: the actor MLP outputs {@code [μ | log σ]}, log σ clamped to [−20, 2] (SB3), and
 * the action is {@code c + h · tanh(u)}, {@code u = μ + σ ε}, with c and h the centre and
 * half-width of the action box. Critics see the action at the environment's scale, as the peer's
 * do. The log-density is {@code TanhNormal}'s change of variables, of the squashed value tanh u:
 *
 * <pre>
 *   log π = Σ_i [ −½ ε_i² − ½ log 2π − log σ_i − log(1 − tanh² u_i) ],
 *   −log(1 − tanh² u) = 2 (u + softplus(−2u)) − 2 log 2        (finite for every u)
 * </pre>
 *
 * written out here with (u − μ)/σ = ε taken from the noise, because {@code TanhNormal.of} validates
 * its parameters with host synchronizations on every call; {@code SacAgentTest} checks it against
 * {@code TanhNormal.logProbPreTanh}.
 *
 * <p>Engine work per update: the target is computed with autograd off; the critics' parameters stop
 * requiring gradients during the actor's backward pass (it only needs their input gradient), which
 * saves their weight-gradient products and leaves nothing to clear; the α step, Adam and Polyak run
 * in Java. The twin critics are two {@code Mlp}s: one batched network with stacked {@code [2, in,
 * out]} weights ({@code torch.matmul}) measured slower here, most of all in the actor's pass, whose
 * backward still cost the weight-gradient products (3.8 ms against 1.9 ms for both critics' forward
 * and input-gradient backward on batch 256, one thread). Randomness is counter-based: the update's
 * noise from (seed, {@code UPDATE_NOISE}, u), the exploration noise from (seed, {@code
 * ACTION_NOISE}, step).
 *
 * <p><b>From pixels</b> ({@link SacConfig#encoder()} set, the observation an image of {@link
 * ImageShape}): SAC+AE's pixel SAC without the decoder (Yarats et al. 2019, "Improving Sample
 * Efficiency in Model-Free Reinforcement Learning from Images", their "SAC:pixel"; DrQ's and CURL's
 * code route the gradients the same way). A {@link ConvEncoder} φ = (convolutions c, head g_Q)
 * feeds both critics, Q_k(φ(s), a); the actor reads the same convolutions through a head of its
 * own, π(a | g_π(c(s))); a target encoder φ̄ feeds the target critics:
 *
 * <pre>
 *   target:  y = r + γ (1 − terminated) (min_k Q̄_k(φ̄(s′), a′) − α log π(a′|s′))
 *   critic:  L_Q over the parameters of Q_1, Q_2 and φ = (c, g_Q): the encoder learns from the critic only
 *   actor:   L_π over the actor and g_π, with c(s) and φ(s) held fixed (SAC+AE's detach_encoder)
 *   Polyak:  θ̄ ← τ θ + (1 − τ) θ̄ for the critics,  φ̄ ← τ_φ φ + (1 − τ_φ) φ̄ for the encoder
 * </pre>
 *
 * The detach is done as for the critics: the encoder's parameters stop requiring gradients during
 * the actor's pass, so c(s) is computed once with the just-updated convolutions (as SAC+AE
 * recomputes it) and no gradient reaches them. SAC+AE's τ = 0.01 and τ_φ = 0.05 are applied every
 * second update there; here both every update ({@code Algorithms} sets τ = 0.01 for {@code
 * --encoder conv}).
 */
public final class SacAgent implements Agent {

  /** The checkpoint kind. */
  public static final String KIND = "sac";

  /** The checkpoint kind of an agent with a convolutional encoder. */
  public static final String KIND_CONV = "sac-conv";

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final double LOG_TWO = Math.log(2);

  private final NDManager manager;
  private final SacConfig config;
  private final long seed;
  private final int observationDim;
  private final int actionDim;
  private final double[] centre;
  private final double[] halfWidth;
  private final NDArray centreArray;
  private final NDArray halfWidthArray;
  private final boolean centred;
  private final double targetEntropy;
  private final Mlp actor;
  private final Mlp q1;
  private final Mlp q2;
  private final Mlp q1Target;
  private final Mlp q2Target;
  private final List<NDArray> criticParameters;
  private final List<NDArray> criticTargetParameters;
  private final ConvEncoder encoder;
  private final ConvEncoder actorEncoder;
  private final ConvEncoder encoderTarget;
  private final List<NDArray> criticOptimized;
  private final NDArray logAlpha;
  private final Adam actorOptimizer;
  private final Adam criticOptimizer;
  private final Adam alphaOptimizer;

  /**
   * A new agent in a sub-manager of {@code parent}, its networks initialized from (seed, {@code
   * PARAMETERS}) in the order actor, critic 1, critic 2; the target critics start as copies.
   *
   * @throws IllegalArgumentException if the action box has an infinite bound, or the config has an
   *     encoder (which needs the image layout: the other constructor)
   */
  public SacAgent(
      NDManager parent, Box observationSpace, Box actionSpace, SacConfig config, long seed) {
    this(parent, observationSpace, null, actionSpace, config, seed);
  }

  /**
   * As the other constructor, with the layout {@code image} of the observations (null for flat
   * ones). With an encoder in the config the order of initialization is actor, critic 1, critic 2,
   * the encoder, the actor's encoder head; the target critics and the target encoder start as
   * copies.
   *
   * @throws IllegalArgumentException as the other constructor, or if the config has an encoder and
   *     {@code image} is null or does not match the observation's length
   */
  public SacAgent(
      NDManager parent,
      Box observationSpace,
      ImageShape image,
      Box actionSpace,
      SacConfig config,
      long seed) {
    ConvEncoderConfig encoderConfig = config.encoder();
    if (encoderConfig != null) {
      if (image == null) {
        throw new IllegalArgumentException(
            "encoder conv needs image observations, found a flat vector of "
                + observationSpace.dimension()
                + " values");
      }
      if (image.size() != observationSpace.dimension()) {
        throw new IllegalArgumentException(
            "image "
                + image
                + " has "
                + image.size()
                + " values, the observation "
                + observationSpace.dimension());
      }
      ConvEncoder.outputExtent(image, encoderConfig);
    }
    this.config = config;
    this.seed = seed;
    this.observationDim = observationSpace.dimension();
    this.actionDim = actionSpace.dimension();
    this.centre = new double[actionDim];
    this.halfWidth = new double[actionDim];
    boolean allCentred = true;
    for (int i = 0; i < actionDim; i++) {
      double lo = actionSpace.low(i);
      double hi = actionSpace.high(i);
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
        throw new IllegalArgumentException(
            "SAC needs a bounded action box with low < high, found low="
                + lo
                + " high="
                + hi
                + " at index "
                + i);
      }
      centre[i] = (hi + lo) / 2;
      halfWidth[i] = (hi - lo) / 2;
      allCentred &= centre[i] == 0;
    }
    this.centred = allCentred;
    this.targetEntropy = config.targetEntropy(actionDim);
    this.manager = parent.newSubManager();
    boolean done = false;
    try {
      centreArray = constant(toFloats(centre));
      halfWidthArray = constant(toFloats(halfWidth));
      SplittableRandom init = NoiseStream.generator(seed, Streams.PARAMETERS);
      int h = config.hidden();
      int inputDim = encoderConfig == null ? observationDim : encoderConfig.features();
      actor = Mlp.create(manager, Activation.RELU, init, inputDim, h, h, 2 * actionDim);
      int in = inputDim + actionDim;
      q1 = Mlp.create(manager, Activation.RELU, init, in, h, h, 1);
      q2 = Mlp.create(manager, Activation.RELU, init, in, h, h, 1);
      SplittableRandom unused = new SplittableRandom(0);
      q1Target = Mlp.create(manager, Activation.RELU, unused, in, h, h, 1);
      q2Target = Mlp.create(manager, Activation.RELU, unused, in, h, h, 1);
      q1Target.freeze();
      q2Target.freeze();
      criticParameters = concat(q1.parameters(), q2.parameters());
      criticTargetParameters = concat(q1Target.parameters(), q2Target.parameters());
      Polyak.update(criticTargetParameters, criticParameters, 1.0);
      List<NDArray> actorOptimized;
      if (encoderConfig == null) {
        encoder = null;
        actorEncoder = null;
        encoderTarget = null;
        criticOptimized = criticParameters;
        actorOptimized = actor.parameters();
      } else {
        encoder = ConvEncoder.create(manager, init, image, encoderConfig);
        actorEncoder = encoder.withOwnHead(manager, init);
        encoderTarget = ConvEncoder.create(manager, unused, image, encoderConfig);
        encoderTarget.freeze();
        Polyak.update(encoderTarget.parameters(), encoder.parameters(), 1.0);
        criticOptimized = concat(encoder.parameters(), criticParameters);
        actorOptimized = concat(actorEncoder.headParameters(), actor.parameters());
      }
      logAlpha = constant(new float[] {(float) Math.log(config.alpha())});
      actorOptimizer = Adam.of(actorOptimized, config.learningRate());
      criticOptimizer = Adam.of(criticOptimized, config.learningRate());
      alphaOptimizer =
          config.autoAlpha() ? Adam.of(List.of(logAlpha), config.learningRate()) : null;
      done = true;
    } finally {
      if (!done) {
        manager.close();
      }
    }
  }

  private static List<NDArray> concat(List<NDArray> a, List<NDArray> b) {
    List<NDArray> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /** What the actor reads of observations {@code s}: s itself, or g_π(c(s)). */
  private NDArray actorInput(NDArray s) {
    return encoder == null ? s : actorEncoder.forward(s);
  }

  /** What the critics read of observations {@code s}: s itself, or φ(s). */
  private NDArray criticInput(NDArray s) {
    return encoder == null ? s : encoder.forward(s);
  }

  private static void requireGradients(List<NDArray> parameters, boolean on) {
    for (NDArray p : parameters) {
      p.setRequiresGradient(on);
    }
  }

  /** {@code min(Q_1(x), Q_2(x))}, {@code [n, 1]}. */
  private static NDArray minQ(Mlp a, Mlp b, NDArray x) {
    return NDArrays.minimum(a.forward(x), b.forward(x));
  }

  private NDArray constant(float[] values) {
    NDArray a = manager.zeros(new Shape(values.length), DataType.FLOAT32);
    TensorViews.write(a, values);
    return a;
  }

  private static float[] toFloats(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }

  @Override
  public double[] act(double[] observation, boolean deterministic, long step) {
    if (observation.length != observationDim) {
      throw new IllegalArgumentException(
          "observation must have length " + observationDim + ", found " + observation.length);
    }
    float[] out;
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(toFloats(observation), new Shape(1, observationDim));
      out = actor.forward(actorInput(x)).toFloatArray();
    }
    SplittableRandom noise =
        deterministic ? null : NoiseStream.generator(seed, Streams.ACTION_NOISE, step);
    double[] action = new double[actionDim];
    for (int i = 0; i < actionDim; i++) {
      double mu = out[i];
      double logStd =
          Math.min(Math.max(out[actionDim + i], config.logStdMin()), config.logStdMax());
      double u = deterministic ? mu : mu + Math.exp(logStd) * noise.nextGaussian();
      action[i] = centre[i] + halfWidth[i] * Math.tanh(u);
    }
    return action;
  }

  /** The squashed sample of a batch and its log-density, both with gradient paths to the actor. */
  record Sample(NDArray action, NDArray logProb) {}

  /** The noise of one batch of policy samples: ε and the constant part of log π per element. */
  record Noise(float[] epsilon, float[] constant) {

    /** {@code n × A} draws from {@code random}, with {@code −½ε² − ½ log 2π − 2 log 2}. */
    static Noise draw(SplittableRandom random, int n, int actionDim) {
      float[] eps = new float[n * actionDim];
      float[] c = new float[n * actionDim];
      for (int i = 0; i < eps.length; i++) {
        double e = random.nextGaussian();
        eps[i] = (float) e;
        c[i] = (float) (-0.5 * e * e - HALF_LOG_TWO_PI - 2 * LOG_TWO);
      }
      return new Noise(eps, c);
    }
  }

  /**
   * {@code a = c + h tanh(u)}, {@code u = μ + σ ε}, and log π(a|s) summed over action dimensions
   * ({@code [n, 1]}) from the actor's output {@code [n, 2A]} (see the class javadoc).
   */
  Sample sample(NDManager m, NDArray out, Noise noise, NDArray minusTwo) {
    int n = Math.toIntExact(out.getShape().get(0));
    Shape shape = new Shape(n, actionDim);
    NDList parts = out.split(2, 1);
    NDArray mu = parts.get(0);
    NDArray logStd = parts.get(1).clip(config.logStdMin(), config.logStdMax());
    NDArray u = logStd.exp().mul(m.create(noise.epsilon(), shape)).add(mu);
    NDArray squashed = u.tanh().mul(halfWidthArray);
    NDArray action = centred ? squashed : squashed.add(centreArray);
    NDArray w = StableMath.softplus(u.mul(minusTwo)).add(u);
    NDArray logProb =
        m.create(noise.constant(), shape).sub(logStd).add(w.add(w)).sum(new int[] {1}, true);
    return new Sample(action, logProb);
  }

  /** α = exp(log α) as it stands. */
  public double alpha() {
    return Math.exp(TensorViews.floatView(logAlpha).get(0));
  }

  /**
   * The critic target {@code y: [n, 1]} of a batch (autograd off), with the next actions drawn from
   * {@code noise}; shared by {@link #update} and the tests.
   */
  NDArray target(NDManager m, ReplayBatch batch, Noise noise, float alpha, NDArray minusTwo) {
    int n = batch.size();
    NDArray next = m.create(batch.nextObservations(), new Shape(n, observationDim));
    float[] discount = new float[n];
    float gamma = (float) config.gamma();
    for (int i = 0; i < n; i++) {
      discount[i] = gamma * (1f - batch.terminated()[i]);
    }
    Sample a = sample(m, actor.forward(actorInput(next)), noise, minusTwo);
    NDArray nextFeatures = encoderTarget == null ? next : encoderTarget.forward(next);
    NDArray qNext = minQ(q1Target, q2Target, nextFeatures.concat(a.action(), 1));
    NDArray softValue = qNext.sub(a.logProb().mul(Scalars.constant(m, alpha)));
    NDArray r = m.create(batch.rewards(), new Shape(n, 1));
    return r.add(m.create(discount, new Shape(n, 1)).mul(softValue));
  }

  @Override
  public UpdateMetrics update(ReplayBatch batch, long update) {
    if (batch.observationDim() != observationDim || batch.actionDim() != actionDim) {
      throw new IllegalArgumentException(
          "batch has observation/action dimensions "
              + batch.observationDim()
              + "/"
              + batch.actionDim()
              + ", the agent "
              + observationDim
              + "/"
              + actionDim);
    }
    int n = batch.size();
    float alpha = (float) alpha();
    SplittableRandom random = NoiseStream.generator(seed, Streams.UPDATE_NOISE, update);
    Noise nextNoise = Noise.draw(random, n, actionDim);
    Noise noise = Noise.draw(random, n, actionDim);
    try (NDManager m = manager.newSubManager()) {
      NDArray minusTwo = Scalars.constant(m, -2f);
      NDArray y = target(m, batch, nextNoise, alpha, minusTwo);
      NDArray s = m.create(batch.observations(), new Shape(n, observationDim));
      float criticLoss = criticStep(m, batch, s, y);
      ActorStep pi = actorStep(m, s, noise, alpha, minusTwo);
      if (alphaOptimizer != null) {
        // ∂L_α/∂log α = −(mean log π + H̄).
        float gradient = (float) -(pi.meanLogProb() + targetEntropy);
        alphaOptimizer.step(List.of(m.create(new float[] {gradient}, new Shape(1))));
      }
      Polyak.update(criticTargetParameters, criticParameters, config.tau());
      if (encoder != null) {
        Polyak.update(encoderTarget.parameters(), encoder.parameters(), config.encoder().tau());
      }
      return new UpdateMetrics(criticLoss, pi.loss(), alpha, -pi.meanLogProb());
    }
  }

  /**
   * The critic step: one Adam step on L_Q over both critics (and the encoder, which it trains);
   * returns L_Q.
   */
  float criticStep(NDManager m, ReplayBatch batch, NDArray s, NDArray y) {
    int n = batch.size();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray sa;
      if (encoder == null) {
        float[] stateActions = concatRows(batch.observations(), observationDim, batch.actions());
        sa = m.create(stateActions, new Shape(n, observationDim + actionDim));
      } else {
        // φ(s) with gradients: the critic loss trains the encoder.
        sa = encoder.forward(s).concat(m.create(batch.actions(), new Shape(n, actionDim)), 1);
      }
      // Critic: mean (Q_1 − y)² + mean (Q_2 − y)² = mean ((Q_1 − y)² + (Q_2 − y)²).
      NDArray criticLoss =
          q1.forward(sa).sub(y).square().add(q2.forward(sa).sub(y).square()).mean();
      collector.backward(criticLoss);
      criticOptimizer.stepFromParameters();
      return criticLoss.getFloat();
    }
  }

  /** L_π and the batch mean of log π(ã|s) of one actor step. */
  record ActorStep(float loss, double meanLogProb) {}

  /**
   * The actor step: one Adam step on L_π over the actor (and its encoder head), against the critics
   * as they stand, which pass the gradient through without keeping one; the encoder (convolutions
   * and critic head) likewise: the actor's gradient stops at c(s).
   */
  ActorStep actorStep(NDManager m, NDArray s, Noise noise, float alpha, NDArray minusTwo) {
    requireGradients(criticOptimized, false);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray actorIn = s;
      NDArray criticIn = s;
      if (encoder != null) {
        NDArray c = encoder.convolve(s);
        criticIn = encoder.project(c);
        actorIn = actorEncoder.project(c);
      }
      Sample pi = sample(m, actor.forward(actorIn), noise, minusTwo);
      NDArray qPi = minQ(q1, q2, criticIn.concat(pi.action(), 1));
      NDArray actorLoss = pi.logProb().mul(Scalars.constant(m, alpha)).sub(qPi).mean();
      collector.backward(actorLoss);
      actorOptimizer.stepFromParameters();
      return new ActorStep(actorLoss.getFloat(), pi.logProb().mean().getFloat());
    } finally {
      requireGradients(criticOptimized, true);
    }
  }

  private float[] concatRows(float[] left, int leftWidth, float[] right) {
    int n = left.length / leftWidth;
    int width = leftWidth + actionDim;
    float[] out = new float[n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(left, i * leftWidth, out, i * width, leftWidth);
      System.arraycopy(right, i * actionDim, out, i * width + leftWidth, actionDim);
    }
    return out;
  }

  /**
   * The soft state value under the deterministic action and the critics, for a grid of observations
   * {@code [n, observationDim]} (row-major): {@code min_k Q_k(s, tanh μ(s))} per row, then the mean
   * action per row; for plots.
   */
  public double[][] meanActionAndValue(float[] observations) {
    int n = observations.length / observationDim;
    try (NDManager m = manager.newSubManager()) {
      NDArray s = m.create(observations, new Shape(n, observationDim));
      NDArray mu = actor.forward(actorInput(s)).split(2, 1).get(0);
      NDArray action = mu.tanh().mul(halfWidthArray);
      if (!centred) {
        action = action.add(centreArray);
      }
      float[] q = minQ(q1, q2, criticInput(s).concat(action, 1)).toFloatArray();
      float[] a = action.toFloatArray();
      double[] values = new double[n];
      double[] actions = new double[n * actionDim];
      for (int i = 0; i < n; i++) {
        values[i] = q[i];
      }
      for (int i = 0; i < actions.length; i++) {
        actions[i] = a[i];
      }
      return new double[][] {actions, values};
    }
  }

  /**
   * The soft state value V(s) = E_{a~π}[min_k Q_k(s, a) − α log π(a|s)] of each observation row
   * ({@code [n, observationDim]}, row-major), a Monte Carlo mean over {@code samples} actions drawn
   * from (seed, {@code SAMPLES}, n); for plots.
   */
  public double[] softValue(float[] observations, int samples) {
    int n = observations.length / observationDim;
    float[] repeated = new float[n * samples * observationDim];
    for (int k = 0; k < samples; k++) {
      System.arraycopy(observations, 0, repeated, k * observations.length, observations.length);
    }
    Noise noise =
        Noise.draw(NoiseStream.generator(seed, Streams.SAMPLES, n), n * samples, actionDim);
    float alpha = (float) alpha();
    try (NDManager m = manager.newSubManager()) {
      NDArray s = m.create(repeated, new Shape((long) n * samples, observationDim));
      Sample a = sample(m, actor.forward(actorInput(s)), noise, Scalars.constant(m, -2f));
      float[] v =
          minQ(q1, q2, criticInput(s).concat(a.action(), 1))
              .sub(a.logProb().mul(Scalars.constant(m, alpha)))
              .toFloatArray();
      double[] out = new double[n];
      for (int k = 0; k < samples; k++) {
        for (int i = 0; i < n; i++) {
          out[i] += v[k * n + i] / (double) samples;
        }
      }
      return out;
    }
  }

  @Override
  public void writeTo(Checkpoint.Builder checkpoint) {
    checkpoint.putParameters("sac/actor/", actor.parameterNames(), actor.parameters());
    checkpoint.putParameters("sac/q1/", q1.parameterNames(), q1.parameters());
    checkpoint.putParameters("sac/q2/", q2.parameterNames(), q2.parameters());
    checkpoint.putParameters("sac/q1_target/", q1Target.parameterNames(), q1Target.parameters());
    checkpoint.putParameters("sac/q2_target/", q2Target.parameterNames(), q2Target.parameters());
    checkpoint.putParameters("sac/alpha/", List.of("log_alpha"), List.of(logAlpha));
    if (encoder != null) {
      checkpoint.putParameters("sac/encoder/", encoder.parameterNames(), encoder.parameters());
      checkpoint.putParameters(
          "sac/encoder_target/", encoderTarget.parameterNames(), encoderTarget.parameters());
      checkpoint.putParameters(
          "sac/actor_encoder/", actorEncoder.headParameterNames(), actorEncoder.headParameters());
    }
    checkpoint.putAdam("sac/actor_adam/", actorOptimizer.state());
    checkpoint.putAdam("sac/critic_adam/", criticOptimizer.state());
    if (alphaOptimizer != null) {
      checkpoint.putAdam("sac/alpha_adam/", alphaOptimizer.state());
    }
  }

  @Override
  public void readFrom(Checkpoint checkpoint) {
    checkpoint.loadParameters("sac/actor/", actor.parameterNames(), actor.parameters());
    checkpoint.loadParameters("sac/q1/", q1.parameterNames(), q1.parameters());
    checkpoint.loadParameters("sac/q2/", q2.parameterNames(), q2.parameters());
    checkpoint.loadParameters("sac/q1_target/", q1Target.parameterNames(), q1Target.parameters());
    checkpoint.loadParameters("sac/q2_target/", q2Target.parameterNames(), q2Target.parameters());
    checkpoint.loadParameters("sac/alpha/", List.of("log_alpha"), List.of(logAlpha));
    if (encoder != null) {
      checkpoint.loadParameters("sac/encoder/", encoder.parameterNames(), encoder.parameters());
      checkpoint.loadParameters(
          "sac/encoder_target/", encoderTarget.parameterNames(), encoderTarget.parameters());
      checkpoint.loadParameters(
          "sac/actor_encoder/", actorEncoder.headParameterNames(), actorEncoder.headParameters());
    }
    actorOptimizer.restore(
        checkpoint.adamState("sac/actor_adam/", actorOptimizer.parameters().size()));
    criticOptimizer.restore(
        checkpoint.adamState("sac/critic_adam/", criticOptimizer.parameters().size()));
    if (alphaOptimizer != null) {
      alphaOptimizer.restore(checkpoint.adamState("sac/alpha_adam/", 1));
    }
  }

  @Override
  public String kind() {
    return encoder == null ? KIND : KIND_CONV;
  }

  /** The actor network (tests, plots). */
  public Mlp actor() {
    return actor;
  }

  /** The critics' encoder φ (trained by the critic loss), or null without one. */
  public ConvEncoder encoder() {
    return encoder;
  }

  /** The actor's encoder: φ's convolutions with the actor's own head; null without an encoder. */
  public ConvEncoder actorEncoder() {
    return actorEncoder;
  }

  /** The Polyak-averaged target encoder φ̄, or null without an encoder. */
  public ConvEncoder encoderTarget() {
    return encoderTarget;
  }

  /** The twin critics Q_1, Q_2. */
  public List<Mlp> critics() {
    return List.of(q1, q2);
  }

  /** The Polyak-averaged target critics. */
  public List<Mlp> criticTargets() {
    return List.of(q1Target, q2Target);
  }

  /** The parameters of both critics in Adam's order (Q_1's, then Q_2's). */
  List<NDArray> criticParameters() {
    return criticParameters;
  }

  /** The target critics' parameters in the same order. */
  List<NDArray> criticTargetParameters() {
    return criticTargetParameters;
  }

  /** The settings. */
  public SacConfig config() {
    return config;
  }

  @Override
  public void close() {
    actorOptimizer.close();
    criticOptimizer.close();
    if (alphaOptimizer != null) {
      alphaOptimizer.close();
    }
    manager.close();
  }
}
