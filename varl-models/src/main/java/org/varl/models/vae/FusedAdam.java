package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, ICLR 2015) with PyTorch's update rule, one native call per parameter.
 *
 * <pre>
 *   m_t = beta1 m_{t-1} + (1 - beta1) g        v_t = beta2 v_{t-1} + (1 - beta2) g^2
 *   theta_t = theta_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>DJL's PyTorch engine exposes a fused in-place kernel that computes
 * {@code theta -= a * m / (sqrt(v) + e)}; multiplying numerator and denominator of the rule above by
 * {@code sqrt(1 - beta2^t)} gives {@code a = lr sqrt(1 - beta2^t) / (1 - beta1^t)} and {@code e = eps sqrt(1 - beta2^t)},
 * which is therefore exactly {@code torch.optim.Adam}. The moments live in the model's manager and are part of the
 * checkpoint, as is the step count {@code t}.
 */
public final class FusedAdam {

  /** Defaults of torch.optim.Adam. */
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  public static final float EPSILON = 1e-8f;

  private final float learningRate;
  private final List<NDArray> means;
  private final List<NDArray> variances;
  private long step;

  /** Zero moments shaped like {@code parameters}, allocated in the parameters' manager. */
  public FusedAdam(List<NDArray> parameters, double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    this.learningRate = (float) learningRate;
    this.means = new ArrayList<>();
    this.variances = new ArrayList<>();
    for (NDArray p : parameters) {
      means.add(p.getManager().zeros(p.getShape()));
      variances.add(p.getManager().zeros(p.getShape()));
    }
  }

  /** Applies one update in place: {@code parameters.get(i) -= step(gradients.get(i))}. */
  public void update(List<NDArray> parameters, List<NDArray> gradients) {
    step++;
    double bc1 = 1 - Math.pow(BETA1, step);
    double sqrtBc2 = Math.sqrt(1 - Math.pow(BETA2, step));
    float a = (float) (learningRate * sqrtBc2 / bc1);
    float e = (float) (EPSILON * sqrtBc2);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray w = parameters.get(i);
      // Arguments: (lr, lr with bias correction, weight decay, gradient rescale, gradient clip, beta1, beta2, eps,
      // lazy, adamw); the PyTorch kernel steps by the bias-corrected rate.
      w.getNDArrayInternal().adamUpdate(new NDList(w, gradients.get(i), means.get(i), variances.get(i)),
          new NDList(w), a, a, 0f, 1f, Float.POSITIVE_INFINITY, BETA1, BETA2, e, false, false);
    }
  }

  /** Number of updates applied so far, t. */
  public long step() {
    return step;
  }

  /** First moments, in parameter order (for checkpoints). */
  public List<NDArray> means() {
    return means;
  }

  /** Second moments, in parameter order (for checkpoints). */
  public List<NDArray> variances() {
    return variances;
  }

  /** Restores {@code t} from a checkpoint; the moments are restored by writing into {@link #means()}. */
  public void restoreStep(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("adam step must be >= 0, found " + t);
    }
    this.step = t;
  }
}
