package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;

/**
 * A fixed baseline {@code b = c}, e.g. {@code f} at the mean of q or a known rough value of the
 * objective.
 */
public final class ConstantBaseline implements Baseline {

  private final float value;
  private final String name;

  /**
   * @param value the constant {@code c}; must be finite
   */
  public ConstantBaseline(double value) {
    this(value, "constant");
  }

  ConstantBaseline(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("baseline value must be finite, found " + value);
    }
    this.value = (float) value;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NDArray value(NDArray signal, NDArray context) {
    return signal.getManager().create(value);
  }

  @Override
  public NDArray observe(NDArray signal, NDArray context) {
    return null;
  }
}
