package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.core.engine.Scalars;
import org.varl.core.numerics.StableMath;

/**
 * {@code y = tanh(u)}, {@code u ~ N(μ, σ²)} elementwise: the squashed Gaussian policy of SAC
 * (Haarnoja et al. 2018, appendix C). Change of variables:
 *
 * <pre>
 *   log p(y) = log N(u; μ, σ²) − log(1 − tanh² u),   u = atanh y
 *   log(1 − tanh² u) = 2 (log 2 − u − softplus(−2u))      (finite for every u; the naive form is log 0 at |u| ≳ 9)
 * </pre>
 *
 * <p>Prefer {@link #rsampleWithLogProb(Shape)}, which scores the pre-tanh {@code u} it drew; {@link
 * #logProb(NDArray)} must invert {@code tanh} and clips {@code y} to {@code ±(1 − 1e-6)} first.
 * Event shape {@code ()}; wrap in {@link Independent} to sum over action dimensions. No closed-form
 * entropy, mean or variance.
 */
public final class TanhNormal implements Distribution {

  /** Clip for {@code atanh}: {@code atanh(1 − 1e-6) ≈ 7.25}, well inside float32 range. */
  private static final float EDGE = 1f - 1e-6f;

  private final Normal base;

  private TanhNormal(Normal base) {
    this.base = base;
  }

  /** {@code tanh(N(loc, scale²))}; validates as {@link Normal#of(NDArray, NDArray)}. */
  public static TanhNormal of(NDArray loc, NDArray scale) {
    return new TanhNormal(Normal.of(loc, scale));
  }

  /** A draw and its log-density, computed from the same pre-tanh {@code u}. */
  public record Draw(NDArray value, NDArray logProb) {}

  /** The Gaussian before squashing. */
  public Normal base() {
    return base;
  }

  /** The deterministic action {@code tanh(μ)}. */
  public NDArray mode() {
    return base.loc().tanh();
  }

  @Override
  public Shape batchShape() {
    return base.batchShape();
  }

  @Override
  public Shape eventShape() {
    return new Shape();
  }

  @Override
  public NDManager manager() {
    return base.manager();
  }

  @Override
  public NDArray sample(Shape sampleShape) {
    return base.sample(sampleShape).tanh();
  }

  @Override
  public NDArray rsample(Shape sampleShape) {
    return base.rsample(sampleShape).tanh();
  }

  /**
   * Reparameterized {@code y = tanh(u)} with {@code log p(y)} evaluated at the drawn {@code u} (no
   * atanh).
   */
  public Draw rsampleWithLogProb(Shape sampleShape) {
    NDArray u = base.rsample(sampleShape);
    return new Draw(u.tanh(), logProbPreTanh(u));
  }

  /** {@code log p(tanh u)} as a function of the pre-tanh value {@code u}. */
  public NDArray logProbPreTanh(NDArray u) {
    return base.logProb(u).sub(StableMath.logOneMinusTanhSquared(u));
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public NDArray logProb(NDArray value) {
    Checks.requireBroadcastable("value", value.getShape(), batchShape());
    NDArray y = base.loc().zerosLike().add(value).clip(-EDGE, EDGE);
    NDArray u =
        Scalars.mul(y.add(1f).div(y.neg().add(1f)).log(), 0.5f); // atanh y = ½ log((1 + y)/(1 − y))
    return logProbPreTanh(u);
  }

  @Override
  public NDArray entropy() {
    throw new UnsupportedOperationException(
        "TanhNormal has no closed-form entropy; estimate −E[log p] by sampling");
  }

  @Override
  public NDArray mean() {
    throw new UnsupportedOperationException(
        "TanhNormal has no closed-form mean; use mode() or sample");
  }

  @Override
  public NDArray variance() {
    throw new UnsupportedOperationException("TanhNormal has no closed-form variance");
  }

  @Override
  public String toString() {
    return "TanhNormal(batchShape=" + batchShape() + ")";
  }
}
