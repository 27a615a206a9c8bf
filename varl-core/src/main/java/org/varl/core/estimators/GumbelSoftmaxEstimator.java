package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.RelaxedOneHotCategorical;

/**
 * The Gumbel-softmax (Concrete) relaxation for a categorical latent (Jang et al. 2017; Maddison et
 * al. 2017): the discrete one-hot draw is replaced by {@code y = softmax((l + g)/τ)} and the
 * pathwise gradient of {@code f(y)} is used. Biased for {@code τ > 0} (f is evaluated off the
 * simplex's vertices), with variance close to the pathwise estimator's. With {@code
 * straightThrough} the forward pass sees the hard one-hot vector.
 *
 * <p>{@code q} must be a {@link Categorical} (relaxed here at this estimator's temperature) or
 * already a {@link RelaxedOneHotCategorical}; {@code f} receives vectors {@code [S, …batchShape,
 * K]}.
 */
public final class GumbelSoftmaxEstimator implements GradientEstimator {

  private final double temperature;
  private final boolean straightThrough;

  /**
   * @param temperature τ > 0
   * @param straightThrough hard one-hot forward, soft gradient
   */
  public GumbelSoftmaxEstimator(double temperature, boolean straightThrough) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be finite and > 0, found " + temperature);
    }
    this.temperature = temperature;
    this.straightThrough = straightThrough;
  }

  @Override
  public String name() {
    return (straightThrough ? "gumbel-st" : "gumbel") + "(tau=" + temperature + ")";
  }

  @Override
  public boolean unbiased() {
    return false;
  }

  @Override
  public Surrogate surrogate(Distribution q, Integrand f, int numSamples, NDArray context) {
    GradientEstimator.requireSamples(numSamples);
    RelaxedOneHotCategorical relaxed;
    if (q instanceof Categorical c) {
      relaxed = RelaxedOneHotCategorical.ofLogits(c.logits(), temperature, straightThrough);
    } else if (q instanceof RelaxedOneHotCategorical r) {
      relaxed = r;
    } else {
      throw new IllegalArgumentException(
          "the Gumbel-softmax estimator needs a Categorical or "
              + "RelaxedOneHotCategorical q, found "
              + q.getClass().getSimpleName());
    }
    NDArray y = relaxed.rsample(new Shape(numSamples));
    NDArray fy = f.at(y);
    GradientEstimator.requireSignalShape(fy, relaxed, numSamples);
    NDArray perExample = fy.mean(new int[] {0});
    return new Surrogate(perExample.mean(), perExample.stopGradient());
  }
}
