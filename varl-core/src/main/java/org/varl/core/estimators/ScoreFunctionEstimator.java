package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Distribution;

/**
 * The score-function estimator, REINFORCE (Williams 1992; lecture: the "policy gradient" view of
 * the ELBO):
 *
 * <pre>
 *   ∇_θ E_q[f(z)] = E_q[(f(z) − b) ∇_θ log q_θ(z)] + E_q[∇_θ f(z)]        (b independent of z)
 *   surrogate     = f(z) + s − stopGradient(s),   s = (stopGradient(f(z)) − b) · log q_θ(z),   z = q.sample()
 * </pre>
 *
 * The surrogate's value is {@code f(z)}; its gradient is the score term plus {@code f}'s direct
 * gradient (e.g. the decoder's). Works for any {@code q} with {@code logProb}, discrete included,
 * at the price of high variance that a {@link Baseline} reduces.
 */
public final class ScoreFunctionEstimator implements GradientEstimator {

  private final Baseline baseline;

  public ScoreFunctionEstimator(Baseline baseline) {
    this.baseline = baseline;
  }

  /** Plain REINFORCE. */
  public ScoreFunctionEstimator() {
    this(Baseline.none());
  }

  public Baseline baseline() {
    return baseline;
  }

  @Override
  public String name() {
    return "none".equals(baseline.name()) ? "score" : "score+" + baseline.name();
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  @Override
  public Surrogate surrogate(Distribution q, Integrand f, int numSamples, NDArray context) {
    GradientEstimator.requireSamples(numSamples);
    NDArray z = q.sample(new Shape(numSamples));
    NDArray fz = f.at(z);
    GradientEstimator.requireSignalShape(fz, q, numSamples);
    NDArray signal = fz.stopGradient();
    NDArray b = baseline.value(signal, context);
    NDArray logQ = q.logProb(z);
    NDArray score = logQ.mul(signal.sub(b));
    NDArray objective = fz.add(score.sub(score.stopGradient())).mean();
    NDArray baselineLoss = baseline.observe(signal, context);
    if (baselineLoss != null) {
      objective = objective.sub(baselineLoss.sub(baselineLoss.stopGradient()));
    }
    return new Surrogate(objective, signal.mean(new int[] {0}));
  }
}
