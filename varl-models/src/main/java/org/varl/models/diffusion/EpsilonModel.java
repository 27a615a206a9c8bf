package org.varl.models.diffusion;

import ai.djl.ndarray.NDManager;

/**
 * A noise predictor ε_θ(x_t, t): the trained network ({@link TrainedDdpm#epsilon()}), or a closed
 * form in tests (the optimal denoiser of Gaussian data).
 */
@FunctionalInterface
public interface EpsilonModel {

  /**
   * ε_θ for the rows of {@code xt} (row-major {@code [n, d]}), row i at step {@code t[i]} ∈ 1..T;
   * engine arrays it needs live in {@code manager} (a scope the caller closes).
   */
  float[] predict(NDManager manager, float[] xt, int[] t);
}
