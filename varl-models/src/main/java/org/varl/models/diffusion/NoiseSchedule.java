package org.varl.models.diffusion;

/**
 * The fixed forward process of DDPM (Ho et al. 2020) and every closed form derived from it, in
 * double precision. Steps are t = 1..T; arrays are indexed by {@code i = t − 1} (as in Ho's code,
 * whose network also sees i).
 *
 * <pre>
 *   q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I),    α_t = 1 − β_t,   ᾱ_t = Π_{s≤t} α_s,  ᾱ_0 = 1
 *   q(x_t | x_0)     = N(√ᾱ_t x_0, (1 − ᾱ_t) I)
 *   q(x_{t−1} | x_t, x_0) = N(μ̃_t, β̃_t I),
 *       μ̃_t = c1_t x_0 + c2_t x_t,   c1_t = β_t √ᾱ_{t−1} / (1 − ᾱ_t),   c2_t = (1 − ᾱ_{t−1}) √α_t / (1 − ᾱ_t)
 *       β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t)
 * </pre>
 *
 * The posterior coefficients and variance are those of Ho et al.'s {@code diffusion_utils_2.py}
 * ({@code posterior_mean_coef1/2}, {@code posterior_variance}); β̃_1 = 0, and where a variance is
 * needed at t = 1 it is clipped to β̃_2 as in that code's {@code posterior_log_variance_clipped}.
 */
public final class NoiseSchedule {

  /** Linear schedule end points of Ho et al. (2020), for T = 1000. */
  public static final double LINEAR_START = 1e-4;

  public static final double LINEAR_END = 0.02;

  /** The offset s of the cosine schedule and its β cap (Nichol and Dhariwal 2021, section 3.2). */
  public static final double COSINE_OFFSET = 0.008;

  public static final double COSINE_MAX_BETA = 0.999;

  private final double[] betas;
  private final double[] alphaBars;

  private NoiseSchedule(double[] betas) {
    this.betas = betas;
    this.alphaBars = new double[betas.length];
    double prod = 1;
    for (int i = 0; i < betas.length; i++) {
      prod *= 1 - betas[i];
      alphaBars[i] = prod;
    }
  }

  /**
   * A schedule from its β's ({@code betas[t − 1] = β_t}), each in (0, 1).
   *
   * @throws IllegalArgumentException for T < 1 or a β outside (0, 1), naming the step
   */
  public static NoiseSchedule fromBetas(double[] betas) {
    if (betas.length < 1) {
      throw new IllegalArgumentException("T must be >= 1, found " + betas.length);
    }
    for (int i = 0; i < betas.length; i++) {
      if (!(betas[i] > 0 && betas[i] < 1)) {
        throw new IllegalArgumentException(
            "beta must be in (0, 1), found " + betas[i] + " at t = " + (i + 1));
      }
    }
    return new NoiseSchedule(betas.clone());
  }

  /** The named schedule with T steps. */
  public static NoiseSchedule of(Schedule schedule, int steps) {
    return schedule == Schedule.COSINE ? cosine(steps) : linear(steps, LINEAR_START, LINEAR_END);
  }

  /**
   * β_t linear from {@code start} (t = 1) to {@code end} (t = T), as {@code np.linspace}; T = 1
   * gives β_1 = start.
   */
  public static NoiseSchedule linear(int steps, double start, double end) {
    requireSteps(steps);
    double[] b = new double[steps];
    for (int i = 0; i < steps; i++) {
      b[i] = steps == 1 ? start : start + (end - start) * i / (steps - 1);
    }
    return fromBetas(b);
  }

  /**
   * The cosine schedule: {@code β_t = min(1 − ᾱ(t)/ᾱ(t − 1), 0.999)} with {@code ᾱ(t) = f(t) /
   * f(0)}, {@code f(t) = cos²((t/T + s)/(1 + s) · π/2)}, s = 0.008 (Nichol and Dhariwal 2021, eq.
   * 17 and the clipping below it).
   */
  public static NoiseSchedule cosine(int steps) {
    requireSteps(steps);
    double[] b = new double[steps];
    for (int i = 0; i < steps; i++) {
      double ratio = cosineAlphaBar(i + 1, steps) / cosineAlphaBar(i, steps);
      b[i] = Math.min(1 - ratio, COSINE_MAX_BETA);
    }
    return fromBetas(b);
  }

  /** ᾱ(t) = f(t)/f(0) of the cosine schedule, before the β clipping. */
  public static double cosineAlphaBar(double t, int steps) {
    return f(t, steps) / f(0, steps);
  }

  private static double f(double t, int steps) {
    double c = Math.cos((t / steps + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
    return c * c;
  }

  private static void requireSteps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("T must be >= 1, found " + steps);
    }
  }

  /** T. */
  public int steps() {
    return betas.length;
  }

  /** β_t, t in 1..T. */
  public double beta(int t) {
    return betas[t - 1];
  }

  /** α_t = 1 − β_t. */
  public double alpha(int t) {
    return 1 - betas[t - 1];
  }

  /** ᾱ_t, with ᾱ_0 = 1. */
  public double alphaBar(int t) {
    return t == 0 ? 1.0 : alphaBars[t - 1];
  }

  /** c1_t of the posterior mean (coefficient of x_0). */
  public double posteriorMeanCoef1(int t) {
    return beta(t) * Math.sqrt(alphaBar(t - 1)) / (1 - alphaBar(t));
  }

  /** c2_t of the posterior mean (coefficient of x_t). */
  public double posteriorMeanCoef2(int t) {
    return (1 - alphaBar(t - 1)) * Math.sqrt(alpha(t)) / (1 - alphaBar(t));
  }

  /** β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t); 0 at t = 1. */
  public double posteriorVariance(int t) {
    return beta(t) * (1 - alphaBar(t - 1)) / (1 - alphaBar(t));
  }

  /** β̃_t with β̃_1 replaced by β̃_2 (Ho et al.'s clipping, since β̃_1 = 0); for T = 1, β_1. */
  public double posteriorVarianceClipped(int t) {
    if (t == 1) {
      return steps() >= 2 ? posteriorVariance(2) : beta(1);
    }
    return posteriorVariance(t);
  }

  /** The β's, {@code [β_1 .. β_T]} (a copy). */
  public double[] betas() {
    return betas.clone();
  }
}
