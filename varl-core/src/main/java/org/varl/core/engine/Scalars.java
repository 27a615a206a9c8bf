package org.varl.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Array-scalar ops whose backward pass reads the scalar ({@code x·c}, {@code x/c}, {@code max(x,
 * c)}), safe inside a {@link ai.djl.training.GradientCollector}. Use these instead of DJL's {@code
 * x.mul(0.5f)} wherever the result can reach a {@code backward} call.
 *
 * <p><b>Why.</b> On the PyTorch engine (DJL 0.36) {@code x.mul(Number)} wraps the number in a 0-d
 * array whose storage is a Java direct {@code ByteBuffer} ({@code torch::from_blob}, no copy) and
 * closes that array as soon as the op returns, dropping the last Java reference to the buffer.
 * Autograd still holds the tensor (the backward of {@code x·c} is {@code grad·c}), but the next
 * garbage collection frees the buffer's memory and the backward pass then reads whatever was
 * allocated there since. Measured here: {@code y = a·0.5}, {@code System.gc()}, 1000 fresh 4-byte
 * direct buffers holding 7, then {@code backward(sum y)} gives {@code ∂/∂a = 7} in 199 of 200 tries
 * (and {@code 1.4e-45} once); without the collection it gives 0.5. In a normal run a collection
 * falls between a forward and its backward rarely and at a time that depends on the JVM's heap and
 * threads, so results were silently and irreproducibly wrong now and then (one of six {@code varl
 * vi estimators} runs with the same seed differed).
 *
 * <p>Here the scalar is created by PyTorch itself ({@code torch::full}), in memory that autograd's
 * reference keeps alive, and closed at once, so no array is left in {@code x}'s manager. {@code
 * add} and {@code sub} of a number are safe as DJL has them: their backward does not read the
 * number.
 */
public final class Scalars {

  private Scalars() {}

  /** {@code x · c}, elementwise. */
  public static NDArray mul(NDArray x, float c) {
    try (NDArray s = scalar(x, c)) {
      return x.mul(s);
    }
  }

  /** {@code x / c}, elementwise. */
  public static NDArray div(NDArray x, float c) {
    try (NDArray s = scalar(x, c)) {
      return x.div(s);
    }
  }

  /** {@code max(x, c)}, elementwise. */
  public static NDArray maximum(NDArray x, float c) {
    try (NDArray s = scalar(x, c)) {
      return x.maximum(s);
    }
  }

  /**
   * A 0-d float32 array holding {@code c} in {@code manager}, its memory owned by PyTorch: a
   * constant to create once per step scope and use as an array operand ({@code x.mul(c)}) wherever
   * it appears several times in that step's graph. It lives as long as the scope, so a backward
   * pass inside the scope reads it safely.
   */
  public static NDArray constant(ai.djl.ndarray.NDManager manager, float c) {
    return manager.full(new Shape(), c, ai.djl.ndarray.types.DataType.FLOAT32);
  }

  /** A 0-d array holding {@code c} in {@code x}'s manager and type, its memory owned by PyTorch. */
  private static NDArray scalar(NDArray x, float c) {
    return x.getManager().full(new Shape(), c, x.getDataType());
  }
}
