package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;

/**
 * The function {@code f} inside {@code E_{q(z)}[f(z)]}: for the ELBO, {@code f(z) = log p(x, z) −
 * log q(z | x)}. It may depend on parameters directly (decoder weights, or q's own parameters
 * through {@code −log q}); that direct gradient is kept by every estimator.
 */
@FunctionalInterface
public interface Integrand {

  /**
   * {@code f(z)} for draws {@code z: [S, …batchShape, …eventShape]}; returns {@code [S,
   * …batchShape]}.
   */
  NDArray at(NDArray z);
}
