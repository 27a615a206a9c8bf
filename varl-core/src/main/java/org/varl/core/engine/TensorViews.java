package org.varl.core.engine;

import ai.djl.ndarray.NDArray;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Float views of a tensor's own memory ({@code toByteBuffer(true)}: no copy for a contiguous CPU
 * tensor, so writes change the tensor), for the bulk reads and writes that the optimizer ({@code
 * org.varl.core.optim.Adam}), initialization and checkpoint loading do. Writing through the view
 * also avoids DJL's {@code NDArray.set(Buffer)}, whose PyTorch implementation uses the deprecated
 * {@code AutoNonVariableTypeMode} and makes libtorch print a warning on every run.
 */
public final class TensorViews {

  private TensorViews() {}

  /**
   * A float view of the tensor's memory; for a non-contiguous tensor DJL hands out a copy instead.
   */
  public static FloatBuffer floatView(NDArray array) {
    return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /**
   * Writes {@code values} into the tensor in place and reads them back once: a view that turned out
   * to be a copy (a non-contiguous tensor) would otherwise lose the write silently.
   */
  public static void write(NDArray array, float[] values) {
    FloatBuffer view = floatView(array);
    if (view.remaining() != values.length) {
      throw new IllegalArgumentException(
          "tensor has " + view.remaining() + " values, found " + values.length);
    }
    view.put(0, values);
    if (!Arrays.equals(array.toFloatArray(), values)) {
      throw new IllegalStateException("write did not reach the tensor's memory (not contiguous?)");
    }
  }
}
