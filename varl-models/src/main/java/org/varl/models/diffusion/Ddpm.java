package org.varl.models.diffusion;

/**
 * DDPM as a hierarchical VAE with a fixed encoder (Ho et al. 2020, section 2 and 3): the encoder is
 * the forward process of a {@link NoiseSchedule}, the decoder is
 *
 * <pre>
 *   p(x_T) = N(0, I),   p_θ(x_{t−1} | x_t) = N(μ_θ(x_t, t), σ_t² I),
 *   μ_θ(x_t, t) = (x_t − β_t / √(1 − ᾱ_t) · ε_θ(x_t, t)) / √α_t           (ε-prediction, eq. 11)
 * </pre>
 *
 * and the negative ELBO of one example is
 *
 * <pre>
 *   −ELBO = L_T + Σ_{t=2}^{T} L_{t−1} + L_0
 *   L_T     = KL(q(x_T | x_0) ‖ N(0, I))
 *   L_{t−1} = E_q KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t))
 *           = E_ε [ λ_t ‖ε − ε_θ(x_t, t)‖² ] + d c_t,       x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε
 *   L_0     = E_q [ −log p_θ(x_0 | x_1) ] = E_ε [ λ_1 ‖ε − ε_θ(x_1, 1)‖² ] + d c_1     (Gaussian, nats)
 *   λ_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)),
 *   c_t = ½ (β̃_t/σ_t² − 1 − ln(β̃_t/σ_t²))  for t ≥ 2,   c_1 = ½ ln(2π σ_1²)
 * </pre>
 *
 * (μ̃_t − μ_θ = β_t / (√α_t √(1 − ᾱ_t)) · (ε_θ − ε), Ho et al. eq. 10; at t = 1, x_0 − μ_θ has the
 * same form since ᾱ_1 = α_1). The same λ_t weights the one-sample VLB estimate {@code T · L_{t−1}}
 * used for training with {@link DdpmLoss#VLB}; L_simple drops λ_t and c_t.
 *
 * <p>Steps t run from 1 to T; the network sees {@code t − 1} (Ho's and the peer's convention).
 */
public final class Ddpm {

  private final NoiseSchedule schedule;
  private final DecoderVariance variance;

  /** The model on {@code schedule} with decoder variance {@code variance}. */
  public Ddpm(NoiseSchedule schedule, DecoderVariance variance) {
    this.schedule = schedule;
    this.variance = variance;
  }

  /** The forward process. */
  public NoiseSchedule schedule() {
    return schedule;
  }

  /** The decoder variance choice. */
  public DecoderVariance variance() {
    return variance;
  }

  /** T. */
  public int steps() {
    return schedule.steps();
  }

  /** σ_t², t in 1..T. */
  public double sigma2(int t) {
    return variance == DecoderVariance.BETA
        ? schedule.beta(t)
        : schedule.posteriorVarianceClipped(t);
  }

  /** λ_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)): the weight of ‖ε − ε_θ‖² in L_{t−1}. */
  public double lambda(int t) {
    double b = schedule.beta(t);
    return b * b / (2 * sigma2(t) * schedule.alpha(t) * (1 - schedule.alphaBar(t)));
  }

  /** c_t, the per-dimension constant of L_{t−1} (see the class javadoc). */
  public double constant(int t) {
    double s2 = sigma2(t);
    if (t == 1) {
      return 0.5 * Math.log(2 * Math.PI * s2);
    }
    double r = schedule.posteriorVariance(t) / s2;
    return 0.5 * (r - 1 - Math.log(r));
  }

  /** The coefficient of ε_θ in μ_θ before the division by √α_t: β_t / √(1 − ᾱ_t). */
  public double epsilonCoefficient(int t) {
    return schedule.beta(t) / Math.sqrt(1 - schedule.alphaBar(t));
  }

  /** μ_θ from x_t and ε_θ (row-major, same length), in a new array. */
  public float[] mean(float[] xt, float[] eps, int t) {
    double c = epsilonCoefficient(t);
    double s = 1 / Math.sqrt(schedule.alpha(t));
    float[] mu = new float[xt.length];
    for (int i = 0; i < xt.length; i++) {
      mu[i] = (float) ((xt[i] - c * eps[i]) * s);
    }
    return mu;
  }

  /**
   * L_T per dimension summed, closed form for one example: {@code ½ Σ_j (ᾱ_T x_j² + (1 − ᾱ_T) − 1 −
   * ln(1 − ᾱ_T))}.
   */
  public double priorTerm(float[] x0, int row, int d) {
    double ab = schedule.alphaBar(steps());
    double s = 0;
    for (int j = 0; j < d; j++) {
      double x = x0[row * d + j];
      s += ab * x * x + (1 - ab) - 1 - Math.log(1 - ab);
    }
    return 0.5 * s;
  }
}
