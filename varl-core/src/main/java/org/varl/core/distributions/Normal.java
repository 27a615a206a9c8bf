package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.varl.core.engine.Scalars;

/**
 * The normal distribution {@code N(μ, σ²)}, elementwise (a diagonal Gaussian once wrapped in {@link
 * Independent}, see {@link #diagonal(NDArray, NDArray)}).
 *
 * <pre>
 *   log p(x) = −(x − μ)² / (2σ²) − log σ − ½ log 2π
 *   H        = ½ + ½ log 2π + log σ
 *   rsample  : z = μ + σ ε,  ε ~ N(0, 1)          (Kingma and Welling 2014, the reparameterization trick)
 * </pre>
 *
 * <p>Shapes: {@code loc} and {@code scale} have the same shape, which is the batch shape; the event
 * shape is {@code ()}. Built from a log-variance, {@code log σ = ½ logVar} is kept so that {@code
 * logProb} and {@code entropy} never take the log of an underflowed {@code σ}.
 */
public final class Normal implements Distribution {

  /**
   * Largest |log σ²| accepted as is: σ = e^{±85} lies inside float32's normal range [1.2e-38,
   * 3.4e38].
   */
  public static final float MAX_ABS_LOG_VARIANCE = 170f;

  private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

  private final NDArray loc;
  private final NDArray scale;
  private final NDArray logScale;

  private Normal(NDArray loc, NDArray scale, NDArray logScale) {
    this.loc = loc;
    this.scale = scale;
    this.logScale = logScale;
  }

  /**
   * {@code N(loc, scale²)}.
   *
   * @throws IllegalArgumentException if the shapes differ, {@code loc} is not finite or {@code
   *     scale} is not finite and > 0; the message names the parameter, the offending value and its
   *     index
   */
  public static Normal of(NDArray loc, NDArray scale) {
    Checks.requireSameShape("loc", loc, "scale", scale);
    Checks.requireFinite("loc", loc);
    Checks.requirePositive("scale", scale);
    return new Normal(loc, scale, null);
  }

  /**
   * {@code N(loc, exp(logVariance))}, the usual encoder output; {@code σ = exp(½ logVariance)}. The
   * log-variance is clipped to {@code ±}{@value #MAX_ABS_LOG_VARIANCE}, where σ stays a normal
   * float32 (beyond it σ would round to 0 or overflow to inf and make {@code logProb} NaN); inside
   * the range nothing changes.
   */
  public static Normal fromLogVariance(NDArray loc, NDArray logVariance) {
    Checks.requireSameShape("loc", loc, "logVariance", logVariance);
    Checks.requireFinite("loc", loc);
    Checks.requireFinite("logVariance", logVariance);
    NDArray logScale = Scalars.mul(clipLogVariance(logVariance), 0.5f);
    return new Normal(loc, logScale.exp(), logScale);
  }

  /**
   * The log-variance rule of {@link #fromLogVariance}: {@code clip(logVariance, −}{@value
   * #MAX_ABS_LOG_VARIANCE}{@code , +}{@value #MAX_ABS_LOG_VARIANCE}{@code )}, whose derivative is 1
   * inside the closed range and 0 outside. Code that forms {@code σ = exp(½ log σ²)} itself (a
   * hand-derived backward pass, a closed-form loss) applies this, so that every path sees the same
   * σ.
   */
  public static NDArray clipLogVariance(NDArray logVariance) {
    return logVariance.clip(-MAX_ABS_LOG_VARIANCE, MAX_ABS_LOG_VARIANCE);
  }

  /** {@code N(0, 1)} with the given batch shape, in {@code manager} (float32). */
  public static Normal standard(NDManager manager, Shape shape) {
    NDArray zeros = manager.zeros(shape, DataType.FLOAT32);
    return new Normal(zeros, manager.ones(shape, DataType.FLOAT32), zeros);
  }

  /** A diagonal Gaussian over the last axis: {@code Independent(Normal(loc, scale), 1)}. */
  public static Independent diagonal(NDArray loc, NDArray scale) {
    return Independent.of(of(loc, scale), 1);
  }

  /**
   * A diagonal Gaussian over the last axis from a log-variance: {@code
   * Independent(fromLogVariance(...), 1)}.
   */
  public static Independent diagonalFromLogVariance(NDArray loc, NDArray logVariance) {
    return Independent.of(fromLogVariance(loc, logVariance), 1);
  }

  public NDArray loc() {
    return loc;
  }

  public NDArray scale() {
    return scale;
  }

  /** {@code log σ}, exact when built from a log-variance. */
  public NDArray logScale() {
    return logScale != null ? logScale : scale.log();
  }

  @Override
  public Shape batchShape() {
    return loc.getShape();
  }

  @Override
  public Shape eventShape() {
    return new Shape();
  }

  @Override
  public NDManager manager() {
    return loc.getManager();
  }

  @Override
  public NDArray sample(Shape sampleShape) {
    return rsample(sampleShape).stopGradient();
  }

  @Override
  public NDArray rsample(Shape sampleShape) {
    NDArray eps =
        manager()
            .randomNormal(
                0f, 1f, sampleShape.addAll(batchShape()), loc.getDataType(), loc.getDevice());
    return eps.mul(scale).add(loc);
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public NDArray logProb(NDArray value) {
    Checks.requireBroadcastable("value", value.getShape(), batchShape());
    // Parameter first: the result attaches to the distribution's manager, not to the value's.
    NDArray standardized = loc.sub(value).div(scale);
    return Scalars.mul(standardized.square(), -0.5f).sub(logScale()).sub(HALF_LOG_TWO_PI);
  }

  @Override
  public NDArray entropy() {
    return logScale().add(0.5f + HALF_LOG_TWO_PI);
  }

  @Override
  public NDArray mean() {
    return loc;
  }

  @Override
  public NDArray variance() {
    return scale.square();
  }

  @Override
  public String toString() {
    return "Normal(batchShape=" + batchShape() + ")";
  }
}
