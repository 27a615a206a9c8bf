package org.varl.rl.env;

/**
 * Gymnasium's {@code Discrete(n)}: the actions {0, …, n − 1}. An action is passed to {@link
 * Env#step} as a one-element vector holding the index.
 *
 * @param n the number of elements, ≥ 1
 */
public record Discrete(int n) implements Space {

  /** Checks {@code n ≥ 1}. */
  public Discrete {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, found " + n);
    }
  }

  @Override
  public int dimension() {
    return 1;
  }

  /**
   * The index held by {@code action}, a one-element vector.
   *
   * @throws IllegalArgumentException naming the index and the value if the vector has the wrong
   *     length or its element is not an integer in [0, n)
   */
  public int index(double[] action) {
    if (action.length != 1) {
      throw new IllegalArgumentException("action must have length 1, found " + action.length);
    }
    double a = action[0];
    if (!(a >= 0 && a < n) || a != Math.rint(a)) {
      throw new IllegalArgumentException(
          "action must be an integer in [0, " + n + "), found " + a + " at index 0");
    }
    return (int) a;
  }
}
