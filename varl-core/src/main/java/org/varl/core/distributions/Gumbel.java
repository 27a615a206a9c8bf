package org.varl.core.distributions;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Standard Gumbel noise {@code g = −log(−log u)}, {@code u ~ U(0, 1)}. With it, {@code argmax_k
 * (l_k + g_k)} is a draw from {@code Categorical(softmax l)} (the Gumbel-max trick), which replaces
 * the multinomial sampler that DJL's PyTorch engine lacks.
 */
final class Gumbel {

  private Gumbel() {}

  static NDArray noise(NDManager manager, Shape shape, DataType dataType, Device device) {
    // u ≥ the smallest normal float, so log u is finite; u < 1 so −log u > 0 and the outer log is
    // finite.
    NDArray u = manager.randomUniform(Float.MIN_NORMAL, 1f, shape, dataType, device);
    return u.log().neg().log().neg();
  }
}
