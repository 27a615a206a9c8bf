package org.varl.core.bounds;

import ai.djl.ndarray.NDArray;
import org.varl.core.distributions.Distribution;

/**
 * The decoder {@code z ↦ p(x | z)} of a latent-variable model.
 *
 * <p>Contract: {@code z} has shape {@code [S, B, …latent]} (S draws for each of B examples); the
 * returned distribution has batch shape {@code [S, B]} and the data as event shape, so that {@code
 * logProb(x)} with {@code x: [B, …data]} broadcasts to {@code [S, B]}. A decoder network that
 * accepts only 2-D input flattens {@code z} to {@code [S·B, d]}, runs, and reshapes its output to
 * {@code [S, B, …]} before building e.g. {@code Independent.of(Bernoulli.ofLogits(logits), 1)}.
 */
@FunctionalInterface
public interface Likelihood {

  /** {@code p(x | z)}, batch shape {@code [S, B]}. */
  Distribution given(NDArray z);
}
