package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Distribution;

/**
 * The pathwise (reparameterization) estimator (Kingma and Welling 2014; lecture: "the
 * reparameterization trick"):
 *
 * <pre>
 *   z = g(θ, ε), ε ~ p(ε)      ∇_θ E_q[f(z)] = E_ε[∇_θ f(g(θ, ε))] ≈ (1/S) Σ_s ∇_θ f(g(θ, ε_s))
 * </pre>
 *
 * The surrogate is just the sample mean of {@code f(z)} with {@code z = q.rsample}: value and
 * gradient coincide. Low variance, but needs a differentiable {@code f} and a reparameterizable
 * {@code q}.
 */
public final class PathwiseEstimator implements GradientEstimator {

  @Override
  public String name() {
    return "pathwise";
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  /**
   * @throws UnsupportedOperationException when {@code q} has no rsample (use {@link
   *     ScoreFunctionEstimator})
   */
  @Override
  public Surrogate surrogate(Distribution q, Integrand f, int numSamples, NDArray context) {
    GradientEstimator.requireSamples(numSamples);
    NDArray z = q.rsample(new Shape(numSamples));
    NDArray fz = f.at(z);
    GradientEstimator.requireSignalShape(fz, q, numSamples);
    NDArray perExample = fz.mean(new int[] {0});
    return new Surrogate(perExample.mean(), perExample.stopGradient());
  }
}
