package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.varl.core.numerics.StableMath;

/**
 * The Bernoulli distribution parameterized by logits {@code l = log(p / (1 − p))}, elementwise.
 *
 * <pre>
 *   log p(x) = x·l − softplus(l)           (x ∈ {0, 1}; also evaluated for x ∈ [0, 1], e.g. grey pixels)
 *   H        = softplus(l) − σ(l)·l
 *   mean = σ(l),  variance = σ(l)(1 − σ(l))
 * </pre>
 *
 * <p>Working in logits keeps {@code log p} finite for {@code |l|} in the thousands, where {@code
 * σ(l)} rounds to 0 or 1. Discrete: no {@code rsample}; use the score-function estimator. The batch
 * shape is the logits' shape, the event shape {@code ()}; draws are float32 0/1.
 */
public final class Bernoulli implements Distribution {

  private final NDArray logits;

  private Bernoulli(NDArray logits) {
    this.logits = logits;
  }

  /**
   * Bernoulli with the given logits.
   *
   * @throws IllegalArgumentException if a logit is NaN or infinite (use a large finite logit for a
   *     near-certain outcome: {@code log p} stays exact)
   */
  public static Bernoulli ofLogits(NDArray logits) {
    Checks.requireFinite("logits", logits);
    return new Bernoulli(logits);
  }

  public NDArray logits() {
    return logits;
  }

  /** {@code p = σ(l)}. */
  public NDArray probs() {
    return Activation.sigmoid(logits);
  }

  @Override
  public Shape batchShape() {
    return logits.getShape();
  }

  @Override
  public Shape eventShape() {
    return new Shape();
  }

  @Override
  public NDManager manager() {
    return logits.getManager();
  }

  @Override
  public NDArray sample(Shape sampleShape) {
    NDArray u =
        manager()
            .randomUniform(
                0f, 1f, sampleShape.addAll(batchShape()), DataType.FLOAT32, logits.getDevice());
    // u ∈ [0, 1): P(u < p) = p, and p = 1 (a saturated logit) always gives 1.
    return u.lt(probs().stopGradient()).toType(DataType.FLOAT32, false);
  }

  @Override
  public NDArray rsample(Shape sampleShape) {
    throw Distribution.noRsample(this);
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  @Override
  public NDArray logProb(NDArray value) {
    Checks.requireBroadcastable("value", value.getShape(), batchShape());
    // l·x − softplus(l): the parameter is the first operand so the result attaches to the
    // distribution's manager
    // (a data batch may live in a longer-lived manager); broadcasting [B, D] against [S, B, D]
    // works either way.
    return logits.mul(value).sub(StableMath.softplus(logits));
  }

  @Override
  public NDArray entropy() {
    // H(l) = softplus(l) − σ(l)·l is symmetric in l; evaluated at −|l| it is softplus(−|l|) +
    // σ(−|l|)·|l|, a sum of
    // two small positive terms. At +|l| the same value is a difference of two numbers near |l| and
    // loses all its
    // digits in float32 (16% off at l = 15).
    NDArray magnitude = logits.abs();
    NDArray negative = magnitude.neg();
    return StableMath.softplus(negative).add(Activation.sigmoid(negative).mul(magnitude));
  }

  @Override
  public NDArray mean() {
    return probs();
  }

  @Override
  public NDArray variance() {
    NDArray p = probs();
    return p.mul(p.neg().add(1f));
  }

  @Override
  public String toString() {
    return "Bernoulli(batchShape=" + batchShape() + ")";
  }
}
