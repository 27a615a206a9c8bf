package org.varl.experiments.vi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Distribution;
import org.varl.core.engine.Scalars;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.Surrogate;

/**
 * The score-function estimator with the leave-one-out baseline of S ≥ 2 draws (Kool et al. 2019,
 * "Buy 4 REINFORCE samples, get a baseline for free"):
 *
 * <pre>
 *   ĝ = (1/S) Σ_s (f(z_s) − b_s) ∇_θ log q_θ(z_s),     b_s = (1/(S−1)) Σ_{s'≠s} f(z_s'),     z_s ~ q independently
 * </pre>
 *
 * unbiased because b_s is independent of z_s. It never differentiates f, so as a reference it is an
 * estimator of a different kind from the pathwise one and from the quadrature. (The core's {@link
 * org.varl.core.estimators.Baseline} may not read the current draws' values, which is why this is
 * its own class.)
 */
final class LeaveOneOutScoreEstimator implements GradientEstimator {

  @Override
  public String name() {
    return "score+loo";
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  @Override
  public Surrogate surrogate(Distribution q, Integrand f, int numSamples, NDArray context) {
    if (numSamples < 2) {
      throw new IllegalArgumentException(
          "numSamples must be >= 2 for a leave-one-out baseline, found " + numSamples);
    }
    NDArray z = q.sample(new Shape(numSamples));
    NDArray fz = f.at(z);
    GradientEstimator.requireSignalShape(fz, q, numSamples);
    NDArray signal = fz.stopGradient();
    NDArray others = signal.sum(new int[] {0}, true).sub(signal);
    NDArray b = Scalars.div(others, numSamples - 1);
    NDArray score = q.logProb(z).mul(signal.sub(b));
    NDArray objective = fz.add(score.sub(score.stopGradient())).mean();
    return new Surrogate(objective, signal.mean(new int[] {0}));
  }
}
