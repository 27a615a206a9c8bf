package org.varl.experiments.vi;

import ai.djl.ndarray.NDArray;
import org.varl.core.distributions.Distribution;
import org.varl.core.engine.Scalars;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.Surrogate;

/**
 * A deliberately biased estimator: another estimator's gradient times a factor c ≠ 1, {@code E[ĝ] =
 * c ∇E_q[f]}, so its bias is {@code (c − 1)} times the true gradient. For checking that an
 * unbiasedness check can fail.
 */
final class ScaledEstimator implements GradientEstimator {

  private final GradientEstimator inner;
  private final float factor;

  ScaledEstimator(GradientEstimator inner, float factor) {
    this.inner = inner;
    this.factor = factor;
  }

  @Override
  public String name() {
    return inner.name() + "*" + factor;
  }

  @Override
  public boolean unbiased() {
    return factor == 1f && inner.unbiased();
  }

  @Override
  public Surrogate surrogate(Distribution q, Integrand f, int numSamples, NDArray context) {
    Surrogate s = inner.surrogate(q, f, numSamples, context);
    return new Surrogate(Scalars.mul(s.objective(), factor), s.perExample());
  }
}
