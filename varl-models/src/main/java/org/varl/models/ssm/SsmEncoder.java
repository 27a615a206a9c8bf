package org.varl.models.ssm;

import java.util.Locale;

/**
 * Which observations the encoder q(z_t | ·) sees.
 *
 * <ul>
 *   <li>{@link #FILTERING}: q(z_t | z_{t−1}, a_{t−1}, x_t), the lecture's q(z_t | x_{1:t}) made
 *       Markov (the past enters through z_{t−1}).
 *   <li>{@link #SMOOTHING}: q(z_t | z_{t−1}, a_{t−1}, x_{t:T}) through a backward GRU over the
 *       future observations (Krishnan, Shalit and Sontag 2017, "Structured inference networks for
 *       nonlinear state space models": the factorization of the true posterior).
 * </ul>
 */
public enum SsmEncoder {
  FILTERING,
  SMOOTHING;

  /** The option value: {@code filtering} or {@code smoothing}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static SsmEncoder parse(String id) {
    for (SsmEncoder e : values()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "encoder must be filtering or smoothing, found '" + id + "'");
  }
}
