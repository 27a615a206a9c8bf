package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.varl.core.engine.Scalars;

/**
 * Fixed-step explicit Runge–Kutta solvers for {@code dx/dt = f(x, t)} (Hairer, Nørsett and Wanner,
 * "Solving Ordinary Differential Equations I", §II.1), with step h from t_k to t_{k+1} = t_k + h:
 *
 * <pre>
 *   Euler     x_{k+1} = x_k + h k₁                                    global error O(h),   1 evaluation
 *   midpoint  x_{k+1} = x_k + h f(x_k + h/2 k₁, t_k + h/2)            global error O(h²),  2 evaluations
 *   RK4       x_{k+1} = x_k + h/6 (k₁ + 2k₂ + 2k₃ + k₄)               global error O(h⁴),  4 evaluations
 *             k₁ = f(x_k, t_k), k₂ = f(x_k + h/2 k₁, t_k + h/2), k₃ = f(x_k + h/2 k₂, t_k + h/2),
 *             k₄ = f(x_k + h k₃, t_k + h)
 * </pre>
 *
 * The number of function evaluations (NFE) of a solve is {@code steps × evaluationsPerStep()}. h
 * may be negative (integrating from data back to noise). Each step runs in its own sub-manager of
 * the initial state's manager; the result is attached to that manager and every intermediate state
 * is closed, so a solve leaves exactly one new array behind.
 */
public enum OdeSolver {
  EULER("euler", 1),
  MIDPOINT("midpoint", 2),
  RK4("rk4", 4);

  private final String id;
  private final int evaluations;

  OdeSolver(String id, int evaluations) {
    this.id = id;
    this.evaluations = evaluations;
  }

  /** The right-hand side {@code f(x, t)} of an ODE; results attached to x's manager. */
  @FunctionalInterface
  public interface Dynamics {
    NDArray derivative(NDArray x, double t);
  }

  /**
   * Sees each step's start: the state x_k at t_k and k₁ = f(x_k, t_k) (both valid only during the
   * call).
   */
  @FunctionalInterface
  public interface StepObserver {
    void onStep(int k, double t, NDArray x, NDArray k1);
  }

  /** The lower-case name used in options and files. */
  public String id() {
    return id;
  }

  /** Function evaluations per step: 1, 2 or 4. */
  public int evaluationsPerStep() {
    return evaluations;
  }

  /** The solver named {@code id} (case-insensitive), or an error listing the valid names. */
  public static OdeSolver parse(String id) {
    for (OdeSolver s : values()) {
      if (s.id.equals(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("solver must be one of euler, midpoint, rk4, found " + id);
  }

  /**
   * The number of steps that spends {@code nfe} evaluations (rounded down), or an error when nfe is
   * below one step.
   */
  public int stepsFor(int nfe) {
    if (nfe < evaluations) {
      throw new IllegalArgumentException(
          "nfe must be >= "
              + evaluations
              + " for solver "
              + id
              + " ("
              + evaluations
              + " evaluations per step), found "
              + nfe);
    }
    return nfe / evaluations;
  }

  /** {@code x(t1)} from {@code x(t0) = x0} in {@code steps} equal steps. */
  public NDArray integrate(Dynamics f, NDArray x0, double t0, double t1, int steps) {
    return integrate(f, x0, t0, t1, steps, null);
  }

  /**
   * {@code x(t1)} from {@code x(t0) = x0} in {@code steps} equal steps, showing each step's start
   * to {@code observer} (may be null). The result is in {@code x0}'s manager.
   */
  public NDArray integrate(
      Dynamics f, NDArray x0, double t0, double t1, int steps, StepObserver observer) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, found " + steps);
    }
    NDManager home = x0.getManager();
    double h = (t1 - t0) / steps;
    NDArray x = x0;
    for (int k = 0; k < steps; k++) {
      double t = t0 + k * h;
      NDArray next;
      try (NDManager scope = home.newSubManager()) {
        x.tempAttach(scope);
        next = step(f, x, t, h, k, observer);
        next.attach(home);
      }
      if (x != x0) {
        x.close();
      }
      x = next;
    }
    return x;
  }

  private NDArray step(Dynamics f, NDArray x, double t, double h, int k, StepObserver observer) {
    NDArray k1 = f.derivative(x, t);
    if (observer != null) {
      observer.onStep(k, t, x, k1);
    }
    return switch (this) {
      case EULER -> x.add(scaled(k1, h));
      case MIDPOINT -> {
        NDArray k2 = f.derivative(x.add(scaled(k1, h / 2)), t + h / 2);
        yield x.add(scaled(k2, h));
      }
      case RK4 -> {
        NDArray k2 = f.derivative(x.add(scaled(k1, h / 2)), t + h / 2);
        NDArray k3 = f.derivative(x.add(scaled(k2, h / 2)), t + h / 2);
        NDArray k4 = f.derivative(x.add(scaled(k3, h)), t + h);
        NDArray sum = k1.add(k4).add(scaled(k2.add(k3), 2));
        yield x.add(scaled(sum, h / 6));
      }
    };
  }

  /**
   * {@code c · a}. A float64 state gets the step in double precision (a float h/6 would put a 3e-8
   * relative error floor under RK4); a float32 state goes through {@link Scalars}, safe also under
   * a gradient collector.
   */
  private static NDArray scaled(NDArray a, double c) {
    if (a.getDataType() == DataType.FLOAT64) {
      try (NDArray s = a.getManager().create(c)) {
        return a.mul(s);
      }
    }
    return Scalars.mul(a, (float) c);
  }
}
