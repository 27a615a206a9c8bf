package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.varl.core.numerics.StableMath;

/**
 * The categorical distribution over {@code {0, …, K−1}} with logits {@code l: batchShape ++ [K]}.
 *
 * <pre>
 *   log p(k) = l_k − logSumExp(l)
 *   H        = −Σ_k p_k log p_k            (terms with p_k = 0 contribute 0, to the value and to the gradient)
 *   sample   : argmax_k (l_k + g_k),  g_k ~ Gumbel(0, 1)   (the Gumbel-max trick)
 * </pre>
 *
 * <p>Draws are int64 category indices of shape {@code sampleShape ++ batchShape}; the event shape
 * is {@code ()}. Discrete: no {@code rsample}, use the score-function estimator or {@link
 * RelaxedOneHotCategorical}. The categories are unordered, so {@link #mean()} and {@link
 * #variance()} are undefined (use {@link #probs()}).
 *
 * <p>A {@code −inf} logit marks an impossible category (an action mask): it is never drawn, its
 * {@code logProb} is {@code −inf}, and {@link #entropy()} and the categorical KL have finite
 * gradients that equal those of the logits with that category removed.
 */
public final class Categorical implements Distribution {

  private final NDArray logProbs;

  private Categorical(NDArray logProbs) {
    this.logProbs = logProbs;
  }

  /**
   * Categorical with the given (unnormalized) logits over the last axis.
   *
   * @throws IllegalArgumentException if logits is a scalar or holds a NaN; {@code -inf} marks an
   *     impossible category, {@code +inf} is rejected
   */
  public static Categorical ofLogits(NDArray logits) {
    Checks.requireMinDimensions("logits", logits, 1);
    Checks.requireNotNaN("logits", logits);
    Checks.requireBelowPositiveInfinity("logits", logits);
    return new Categorical(StableMath.logSoftmax(logits, -1));
  }

  /** Normalized logits {@code log p}, shape {@code batchShape ++ [K]}. */
  public NDArray logits() {
    return logProbs;
  }

  /** {@code p = softmax(l)}, shape {@code batchShape ++ [K]}. */
  public NDArray probs() {
    return logProbs.exp();
  }

  /** The number of categories {@code K}. */
  public long numCategories() {
    return logProbs.getShape().get(logProbs.getShape().dimension() - 1);
  }

  @Override
  public Shape batchShape() {
    Shape s = logProbs.getShape();
    return s.slice(0, s.dimension() - 1);
  }

  @Override
  public Shape eventShape() {
    return new Shape();
  }

  @Override
  public NDManager manager() {
    return logProbs.getManager();
  }

  @Override
  public NDArray sample(Shape sampleShape) {
    Shape full = sampleShape.addAll(logProbs.getShape());
    NDArray g = Gumbel.noise(manager(), full, logProbs.getDataType(), logProbs.getDevice());
    return logProbs.stopGradient().add(g).argMax(-1);
  }

  @Override
  public NDArray rsample(Shape sampleShape) {
    throw Distribution.noRsample(this);
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  /**
   * {@code log p(value)} for integer-valued category indices (any numeric type), shape of the
   * broadcast.
   *
   * @throws IllegalArgumentException if an index is outside {@code [0, K)} (named with its
   *     position)
   */
  @Override
  public NDArray logProb(NDArray value) {
    Checks.requireBroadcastable("value", value.getShape(), batchShape());
    Checks.requireIndexRange("value", value, numCategories());
    // The index conversion starts from the value; do it in a scratch manager so that its
    // temporaries never land in
    // the value's (possibly long-lived) manager, and hand only the result to the distribution's
    // manager.
    try (NDManager scratch = manager().newSubManager()) {
      scratch.tempAttachAll(value);
      Shape batch = Checks.broadcast(value.getShape(), batchShape());
      NDArray index = value.toType(DataType.INT64, false).broadcast(batch).expandDims(-1);
      // gather picks log p_k directly: −inf for an impossible category stays −inf, and its gradient
      // is a scatter.
      NDArray result = logProbs.broadcast(batch.add(numCategories())).gather(index, -1).squeeze(-1);
      result.attach(manager());
      return result;
    }
  }

  @Override
  public NDArray entropy() {
    // xLogY masks log p before the product, so an impossible category (p = 0, log p = −inf)
    // contributes 0 to the
    // value and 0, not NaN, to the gradient.
    return StableMath.xLogY(logProbs.exp(), logProbs).sum(new int[] {-1}).neg();
  }

  @Override
  public NDArray mean() {
    throw new UnsupportedOperationException(
        "Categorical has unordered categories and no mean; use probs()");
  }

  @Override
  public NDArray variance() {
    throw new UnsupportedOperationException(
        "Categorical has unordered categories and no variance; use probs()");
  }

  @Override
  public String toString() {
    return "Categorical(batchShape=" + batchShape() + ", K=" + numCategories() + ")";
  }
}
