package org.varl.core.optim;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;
import java.util.List;
import org.varl.core.engine.TensorViews;

/**
 * Polyak averaging of target parameters (the soft target update of DDPG and SAC; Lillicrap et al.
 * 2016, Haarnoja et al. 2018), in place:
 *
 * <pre>
 *   θ' ← τ θ + (1 − τ) θ'        τ ∈ (0, 1]; τ = 1 copies θ into θ' (a hard update)
 * </pre>
 *
 * done in Java through the tensors' memory ({@link TensorViews}): one bulk copy each way per
 * parameter, no engine temporaries, no autograd record.
 */
public final class Polyak {

  private Polyak() {}

  /** {@code target[i] ← τ·online[i] + (1 − τ)·target[i]} for every i. */
  public static void update(List<NDArray> target, List<NDArray> online, double tau) {
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], found " + tau);
    }
    if (target.size() != online.size()) {
      throw new IllegalArgumentException(
          "target has " + target.size() + " parameters, online has " + online.size());
    }
    float t = (float) tau;
    float keep = (float) (1 - tau);
    for (int i = 0; i < target.size(); i++) {
      FloatBuffer dst = TensorViews.floatView(target.get(i));
      FloatBuffer src = TensorViews.floatView(online.get(i));
      int n = dst.remaining();
      if (src.remaining() != n) {
        throw new IllegalArgumentException(
            "parameter " + i + ": target has " + n + " values, online has " + src.remaining());
      }
      float[] a = new float[n];
      float[] b = new float[n];
      dst.get(0, a);
      src.get(0, b);
      if (tau == 1) {
        System.arraycopy(b, 0, a, 0, n);
      } else {
        for (int j = 0; j < n; j++) {
          a[j] = t * b[j] + keep * a[j];
        }
      }
      dst.put(0, a);
    }
  }
}
