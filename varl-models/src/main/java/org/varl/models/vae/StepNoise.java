package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The standard normal noise {@code eps} of one training or evaluation step, drawn in Java from a generator seeded by
 * (run seed, stream, epoch, step) and copied to the engine in one call.
 *
 * <p>Why not the engine's {@code randomNormal}: it draws from a global generator whose position depends on every
 * earlier draw, so a resumed run would see different noise. Here each step's noise is a pure function of its
 * coordinates. The cost is small: drawing and copying 128 x 20 normals measured 0.05 to 0.1 ms per step, about
 * 0.03 s per Fashion-MNIST epoch, against 3 to 4 s per epoch for the whole step.
 */
final class StepNoise {

  private StepNoise() {}

  /** {@code eps ~ N(0, I)} of the given shape, in {@code manager}, determined by the coordinates alone. */
  static NDArray normal(NDManager manager, Shape shape, long seed, long stream, long epoch, long step) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, stream, epoch, step));
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, shape);
  }
}
