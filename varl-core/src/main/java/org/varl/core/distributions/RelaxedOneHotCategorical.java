package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.core.engine.Scalars;
import org.varl.core.numerics.StableMath;

/**
 * The Gumbel-softmax / Concrete relaxation of a one-hot categorical with temperature {@code τ}
 * (Jang, Gu and Poole 2017; Maddison, Mnih and Teh 2017).
 *
 * <pre>
 *   rsample : y = softmax((l + g) / τ),  g_k ~ Gumbel(0, 1)          y lies on the simplex Δ^{K−1}
 *   log p(y) = log (K−1)! + (K−1) log τ + Σ_k (l_k − (τ+1) log y_k) − K · logSumExp_k(l_k − τ log y_k)
 * </pre>
 *
 * <p>{@code logProb} floors {@code y_k} at {@code Float.MIN_NORMAL} (about 1.2e-38): at small τ a
 * draw's smallest components underflow to 0, and the floor keeps the density finite where the exact
 * value is out of float range.
 *
 * <p>As {@code τ → 0} the draws approach one-hot vectors distributed as {@code Categorical(softmax
 * l)}; for larger {@code τ} they are smoother and the gradient has lower variance but more bias.
 *
 * <p><b>Straight-through.</b> With {@code straightThrough} the forward value is the hard one-hot
 * {@code onehot(argmax y)} while the gradient is that of the soft {@code y}: {@code hard + (y −
 * stopGradient(y))}. {@code logProb} always scores the soft relaxed value (the hard vector has
 * density 0 under the Concrete).
 *
 * <p>Shapes: logits {@code batchShape ++ [K]}; event shape {@code [K]}. No closed-form entropy,
 * mean or variance.
 */
public final class RelaxedOneHotCategorical implements Distribution {

  private final NDArray logits;
  private final float temperature;
  private final boolean straightThrough;

  private RelaxedOneHotCategorical(NDArray logits, float temperature, boolean straightThrough) {
    this.logits = logits;
    this.temperature = temperature;
    this.straightThrough = straightThrough;
  }

  /**
   * The relaxation of {@code Categorical(softmax logits)} at the given temperature.
   *
   * @throws IllegalArgumentException if temperature is not finite and > 0, logits is a scalar or
   *     holds NaN/±inf
   */
  public static RelaxedOneHotCategorical ofLogits(
      NDArray logits, double temperature, boolean straightThrough) {
    Checks.requirePositiveScalar("temperature", temperature);
    Checks.requireMinDimensions("logits", logits, 1);
    Checks.requireFinite("logits", logits);
    return new RelaxedOneHotCategorical(
        StableMath.logSoftmax(logits, -1), (float) temperature, straightThrough);
  }

  /** Normalized logits {@code log p} of the underlying categorical. */
  public NDArray logits() {
    return logits;
  }

  public float temperature() {
    return temperature;
  }

  public boolean straightThrough() {
    return straightThrough;
  }

  /** The categorical this relaxes. */
  public Categorical categorical() {
    return Categorical.ofLogits(logits);
  }

  private long numCategories() {
    return logits.getShape().get(logits.getShape().dimension() - 1);
  }

  @Override
  public Shape batchShape() {
    Shape s = logits.getShape();
    return s.slice(0, s.dimension() - 1);
  }

  @Override
  public Shape eventShape() {
    return new Shape(numCategories());
  }

  @Override
  public NDManager manager() {
    return logits.getManager();
  }

  @Override
  public NDArray sample(Shape sampleShape) {
    return rsample(sampleShape).stopGradient();
  }

  @Override
  public NDArray rsample(Shape sampleShape) {
    Shape full = sampleShape.addAll(logits.getShape());
    NDArray g = Gumbel.noise(manager(), full, logits.getDataType(), logits.getDevice());
    // Max-shifted softmax: no overflow of exp((l + g)/τ) at small τ.
    NDArray soft = StableMath.softmax(Scalars.div(logits.add(g), temperature), -1);
    if (!straightThrough) {
      return soft;
    }
    NDArray hard = soft.argMax(-1).oneHot((int) numCategories()).toType(soft.getDataType(), false);
    return hard.add(soft.sub(soft.stopGradient()));
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public NDArray logProb(NDArray value) {
    Checks.requireBroadcastable("value", value.getShape(), batchShape().addAll(eventShape()));
    long k = numCategories();
    double logFactorial = 0;
    for (int i = 2; i < k; i++) {
      logFactorial += Math.log(i);
    }
    float constant = (float) (logFactorial + (k - 1) * Math.log(temperature));
    // Parameter first, so results attach to the distribution's manager. logY = log y_k, broadcast
    // with l.
    // A component of a draw at small τ can round to exactly 0 (its true value is below float32's
    // range); log 0
    // would make the density −inf + inf = NaN, so y is floored at the smallest normal float first.
    NDArray logY = Scalars.maximum(logits.zerosLike().add(value), Float.MIN_NORMAL).log();
    // With a = l − τ log y the density's sum Σ_k (l_k − (τ+1) log y_k) − K logSumExp(a) regroups as
    // Σ_k (logSoftmax(a)_k − log y_k): one stable (log-)softmax instead of a separate sum and
    // logSumExp.
    NDArray a = logits.sub(Scalars.mul(logY, temperature));
    return StableMath.logSoftmax(a, -1).sub(logY).sum(new int[] {-1}).add(constant);
  }

  @Override
  public NDArray entropy() {
    throw new UnsupportedOperationException("RelaxedOneHotCategorical has no closed-form entropy");
  }

  @Override
  public NDArray mean() {
    throw new UnsupportedOperationException("RelaxedOneHotCategorical has no closed-form mean");
  }

  @Override
  public NDArray variance() {
    throw new UnsupportedOperationException("RelaxedOneHotCategorical has no closed-form variance");
  }

  @Override
  public String toString() {
    return "RelaxedOneHotCategorical(batchShape="
        + batchShape()
        + ", K="
        + numCategories()
        + ", temperature="
        + temperature
        + ", straightThrough="
        + straightThrough
        + ")";
  }
}
