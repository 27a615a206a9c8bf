package org.varl.models.diffpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.models.diffusion.NoiseSchedule;
import org.varl.models.diffusion.SinusoidalEmbedding;
import org.varl.models.diffusion.TimeConditionedMlp;

/**
 * A diffusion policy (Chi et al. 2023): a conditional DDPM (Ho et al. 2020) over the action given
 * the state, in the unit coordinates of a {@link UnitScaling} of states and actions ({@code u =
 * scale(a)}, {@code c = scale(s)}):
 *
 * <pre>
 *   forward   q(u_t | u_0) = N(√ᾱ_t u_0, (1 − ᾱ_t) I),   t = 1..T (a {@link NoiseSchedule})
 *   network   ε_θ(u_t, c, t) = MLP([u_t, c, emb(t − 1)])     ({@link TimeConditionedMlp#createConditioned})
 *   loss(s, a; t, ε) = ‖ε − ε_θ(√ᾱ_t u_0 + √(1 − ᾱ_t) ε, c, t)‖²     (Ho's L_simple, summed over
 *                                                                    action dimensions)
 *   sampling  u_T ~ N(0, I); for t = T..1:
 *       û_0 = clip((u_t − √(1 − ᾱ_t) ε_θ(u_t, c, t)) / √ᾱ_t, −1, 1)
 *       u_{t−1} = c1_t û_0 + c2_t u_t + σ_t z,   σ_t² = β̃_t,  z ~ N(0, I), no noise at t = 1
 *   a = unscale(u_0)
 * </pre>
 *
 * with c1_t, c2_t, β̃_t the posterior coefficients of {@link NoiseSchedule}. Without the clip the
 * update is Ho et al.'s Algorithm 2 (μ̃_t with û_0 in ε form is μ_θ of eq. 11); the clip to the
 * data's range is diffusers' {@code clip_sample}, which Chi et al.'s DDPM scheduler uses. It is
 * needed with the cosine schedule: its last β is capped at 0.999, so 1/√α_T ≈ 32 would amplify an
 * error of ε_θ at t = T thirty-fold in the ε form. σ_t² = β̃_t is diffusers' {@code fixed_small}.
 *
 * <p>Shapes: states row-major {@code [B, stateDim]}, actions {@code [B, actionDim]}; the network's
 * input rows are built in Java and copied to the engine in one call per evaluation.
 */
public final class DiffusionPolicy {

  private final DiffusionPolicyConfig config;
  private final NoiseSchedule schedule;
  private final TimeConditionedMlp net;
  private final float[] table;
  private final UnitScaling stateScaling;
  private final UnitScaling actionScaling;

  private DiffusionPolicy(
      DiffusionPolicyConfig config,
      TimeConditionedMlp net,
      UnitScaling stateScaling,
      UnitScaling actionScaling) {
    this.config = config;
    this.schedule = config.noiseSchedule();
    this.net = net;
    this.table = net.embedding().table(config.denoisingSteps());
    this.stateScaling = stateScaling;
    this.actionScaling = actionScaling;
  }

  /**
   * A freshly initialized policy with parameters in a sub-manager of {@code manager}, drawn from
   * the config's seed; its dimensions are those of the scalings.
   */
  public static DiffusionPolicy create(
      NDManager manager,
      DiffusionPolicyConfig config,
      UnitScaling stateScaling,
      UnitScaling actionScaling) {
    TimeConditionedMlp net =
        TimeConditionedMlp.createConditioned(
            manager,
            actionScaling.columns(),
            stateScaling.columns(),
            config.hidden(),
            config.layers(),
            SinusoidalEmbedding.DEFAULT_DIM,
            config.seed());
    return new DiffusionPolicy(config, net, stateScaling, actionScaling);
  }

  public DiffusionPolicyConfig config() {
    return config;
  }

  public int stateDim() {
    return stateScaling.columns();
  }

  public int actionDim() {
    return actionScaling.columns();
  }

  /** T. */
  public int denoisingSteps() {
    return schedule.steps();
  }

  /** The forward process. */
  public NoiseSchedule schedule() {
    return schedule;
  }

  public UnitScaling stateScaling() {
    return stateScaling;
  }

  public UnitScaling actionScaling() {
    return actionScaling;
  }

  /**
   * The per-example loss {@code [B]} in {@code manager}: {@code ‖ε − ε_θ(√ᾱ_t u_0 + √(1 − ᾱ_t) ε,
   * c, t)‖²} for states and actions in data units, steps {@code t[b]} ∈ 1..T and {@code eps: [B,
   * actionDim]} (row-major). Differentiable in the parameters.
   */
  public NDArray loss(NDManager manager, float[] states, float[] actions, int[] t, float[] eps) {
    int b = t.length;
    int d = actionDim();
    requireRows("states", states, b, stateDim());
    requireRows("actions", actions, b, d);
    requireRows("eps", eps, b, d);
    float[] u0 = actionScaling.toUnit(actions);
    float[] ut = new float[b * d];
    for (int i = 0; i < b; i++) {
      requireStep(t[i], i);
      double ab = schedule.alphaBar(t[i]);
      double signal = Math.sqrt(ab);
      double noise = Math.sqrt(1 - ab);
      for (int j = 0; j < d; j++) {
        int k = i * d + j;
        ut[k] = (float) (signal * u0[k] + noise * eps[k]);
      }
    }
    NDArray prediction = network(manager, ut, stateScaling.toUnit(states), t);
    return prediction.sub(manager.create(eps, new Shape(b, d))).square().sum(new int[] {1});
  }

  /**
   * ε_θ(u_t, c, t) {@code [B, actionDim]} in {@code manager} for unit-coordinate noisy actions
   * {@code ut} and states {@code c} (row-major) at steps {@code t[b]} ∈ 1..T.
   */
  public NDArray network(NDManager manager, float[] ut, float[] c, int[] t) {
    int[] index = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      requireStep(t[i], i);
      index[i] = t[i] - 1;
    }
    return net.forwardInput(net.toEngine(manager, net.input(ut, c, index, table)));
  }

  /**
   * One action per state (row-major {@code [B, stateDim]} in data units), drawn by ancestral
   * sampling (class javadoc) with every normal from {@code noise}: first u_T (B × actionDim values,
   * row-major), then z of t = T, ..., 2. Each network evaluation runs in its own sub-manager of
   * {@code manager}; nothing is left in it. Returns row-major {@code [B, actionDim]} in data units.
   */
  public float[] sample(NDManager manager, float[] states, SplittableRandom noise) {
    int d = actionDim();
    int n = states.length / stateDim();
    requireRows("states", states, n, stateDim());
    if (n < 1) {
      throw new IllegalArgumentException("states must hold at least one row, found 0");
    }
    float[] c = stateScaling.toUnit(states);
    float[] u = new float[n * d];
    for (int k = 0; k < u.length; k++) {
      u[k] = (float) noise.nextGaussian();
    }
    int[] t = new int[n];
    for (int step = schedule.steps(); step >= 1; step--) {
      java.util.Arrays.fill(t, step);
      float[] eps;
      try (NDManager m = manager.newSubManager()) {
        eps = network(m, u, c, t).toFloatArray();
      }
      double ab = schedule.alphaBar(step);
      double sqrtAb = Math.sqrt(ab);
      double sqrtOneMinusAb = Math.sqrt(1 - ab);
      double c1 = schedule.posteriorMeanCoef1(step);
      double c2 = schedule.posteriorMeanCoef2(step);
      double sigma = step > 1 ? Math.sqrt(schedule.posteriorVariance(step)) : 0;
      for (int k = 0; k < u.length; k++) {
        double u0 = (u[k] - sqrtOneMinusAb * eps[k]) / sqrtAb;
        u0 = Math.max(-1, Math.min(1, u0));
        double next = c1 * u0 + c2 * u[k];
        if (step > 1) {
          next += sigma * noise.nextGaussian();
        }
        u[k] = (float) next;
      }
    }
    return actionScaling.fromUnit(u);
  }

  /** The ε-network's parameters (the checkpoint order). */
  public List<NDArray> parameters() {
    return net.parameters();
  }

  /** Their names, {@code layers.l.weight} / {@code layers.l.bias}. */
  public List<String> parameterNames() {
    return net.parameterNames();
  }

  private void requireStep(int step, int row) {
    if (step < 1 || step > schedule.steps()) {
      throw new IllegalArgumentException(
          "t must be in 1.." + schedule.steps() + ", found " + step + " at index " + row);
    }
  }

  private static void requireRows(String name, float[] x, int rows, int columns) {
    if (x.length != rows * columns) {
      throw new IllegalArgumentException(
          name
              + " must hold "
              + rows
              + " rows of "
              + columns
              + " values, found "
              + x.length
              + " values");
    }
  }
}
