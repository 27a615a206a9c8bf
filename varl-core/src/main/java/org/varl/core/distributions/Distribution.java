package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of probability distributions, with the contract of {@code
 * torch.distributions.Distribution}.
 *
 * <p>A draw has shape {@code sampleShape ++ batchShape() ++ eventShape()}. {@link
 * #logProb(NDArray)} treats the trailing {@code eventShape()} dimensions as one event and returns
 * {@code log p(value)} with shape {@code sampleShape ++ batchShape()}. Implementations are
 * immutable.
 */
public interface Distribution {

  /** Shape of the independent, non-identical distributions in this batch. */
  Shape batchShape();

  /**
   * Shape of one event (one draw of one member of the batch); {@code ()} for scalar distributions.
   */
  Shape eventShape();

  /** The manager that holds the parameters; draws and results attach to it. */
  NDManager manager();

  /**
   * A draw without gradient path to the parameters, shape {@code sampleShape ++ batchShape ++
   * eventShape}.
   */
  NDArray sample(Shape sampleShape);

  /** One draw per batch member, shape {@code batchShape ++ eventShape}. */
  default NDArray sample() {
    return sample(new Shape());
  }

  /**
   * A reparameterized draw {@code z = g(θ, ε)}, ε independent of the parameters θ, so that
   * gradients flow from {@code z} to θ (the pathwise estimator).
   *
   * @throws UnsupportedOperationException where {@link #hasRsample()} is false; use the
   *     score-function estimator
   */
  NDArray rsample(Shape sampleShape);

  /** {@link #rsample(Shape)} with an empty sample shape. */
  default NDArray rsample() {
    return rsample(new Shape());
  }

  /** Whether {@link #rsample(Shape)} is available. */
  boolean hasRsample();

  /**
   * {@code log p(value)} summed over the event dimensions; shape {@code sampleShape ++ batchShape}.
   */
  NDArray logProb(NDArray value);

  /**
   * {@code H[p] = −E_p[log p]} per batch member, shape {@code batchShape}.
   *
   * @throws UnsupportedOperationException where there is no closed form
   */
  NDArray entropy();

  /** {@code E[x]}, shape {@code batchShape ++ eventShape}. */
  NDArray mean();

  /** {@code Var[x]} elementwise, shape {@code batchShape ++ eventShape}. */
  NDArray variance();

  /**
   * The exception thrown by {@code rsample} of a distribution without a reparameterized sampler.
   */
  static UnsupportedOperationException noRsample(Distribution d) {
    return new UnsupportedOperationException(
        d.getClass().getSimpleName()
            + " has no reparameterized sampler (rsample); use the score-function "
            + "estimator (org.varl.core.estimators.ScoreFunctionEstimator) or a relaxation such as "
            + "RelaxedOneHotCategorical");
  }
}
