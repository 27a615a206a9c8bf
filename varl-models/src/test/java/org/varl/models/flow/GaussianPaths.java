package org.varl.models.flow;

import ai.djl.ndarray.NDArray;

/**
 * Two closed-form velocity fields that carry N(0, I) to N(μ, s² I) in R^d.
 *
 * <p>{@link #independent}: the marginal field of conditional flow matching with the independent
 * coupling (I-CFM, σ_min = 0), {@code v(x, t) = E[x_1 − x_0 | x_t = x]} for x_t = (1 − t) x_0 + t
 * x_1 with x_0 ~ N(0, I), x_1 ~ N(μ, s² I) independent: x_t ~ N(tμ, σ_t² I), σ_t² = (1 − t)² + t²
 * s², and {@code v(x, t) = μ + σ'_t / σ_t (x − tμ)}. Its flow is {@code x_t = tμ + σ_t z}: curved
 * in speed, with straightness {@code S = d ∫_0^1 (s − 1 − σ'_t)² dt > 0} for s ≠ 1.
 *
 * <p>{@link #optimal}: the displacement interpolation of the OT map {@code z ↦ μ + s z}, {@code x_t
 * = tμ + (1 − t + ts) z}, field {@code v(x, t) = μ + (s − 1) / (1 − t + ts) (x − tμ)}: straight, S
 * = 0.
 */
final class GaussianPaths implements VelocityField {

  final double[] mu;
  final double s;
  final boolean straight;

  private GaussianPaths(double[] mu, double s, boolean straight) {
    this.mu = mu;
    this.s = s;
    this.straight = straight;
  }

  static GaussianPaths independent(double[] mu, double s) {
    return new GaussianPaths(mu, s, false);
  }

  static GaussianPaths optimal(double[] mu, double s) {
    return new GaussianPaths(mu, s, true);
  }

  /** The scalar c(t) of v(x, t) = μ + c(t) (x − tμ). */
  double coefficient(double t) {
    if (straight) {
      return (s - 1) / (1 - t + t * s);
    }
    return (t * s * s - (1 - t)) / ((1 - t) * (1 - t) + t * t * s * s);
  }

  /** σ'_t of the independent path. */
  double sigmaDot(double t) {
    double sigma = Math.sqrt((1 - t) * (1 - t) + t * t * s * s);
    return (t * s * s - (1 - t)) / sigma;
  }

  @Override
  public int dimension() {
    return mu.length;
  }

  @Override
  public NDArray velocity(NDArray x, double t) {
    double[] shifted = new double[mu.length];
    for (int j = 0; j < mu.length; j++) {
      shifted[j] = t * mu[j];
    }
    NDArray tm = x.getManager().create(shifted).toType(x.getDataType(), false);
    NDArray m = x.getManager().create(mu).toType(x.getDataType(), false);
    return x.sub(tm)
        .mul(x.getManager().create(coefficient(t)).toType(x.getDataType(), false))
        .add(m);
  }

  @Override
  public Jvp jvp(NDArray x, double t, NDArray u) {
    NDArray c = u.getManager().create(coefficient(t)).toType(u.getDataType(), false);
    return new Jvp(velocity(x, t), u.mul(c));
  }
}
