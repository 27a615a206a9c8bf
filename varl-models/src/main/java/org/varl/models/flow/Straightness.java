package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The straightness of a flow (Liu, Gong and Liu, "Flow Straight and Fast", ICLR 2023, Def. 2.2):
 *
 * <pre>
 *   S(Z) = ∫_0^1 E ‖(Z_1 − Z_0) − v(Z_t, t)‖² dt  ≈  (1/K) Σ_{k<K} mean_n ‖(x_K − x_0) − v(x_k, t_k)‖²
 * </pre>
 *
 * along a solver's trajectory x_0 .. x_K (the left Riemann sum over its K steps, with v(x_k, t_k)
 * the first stage of each step). S = 0 exactly when every path is a straight line traversed at
 * constant speed, which is what lets one Euler step be exact. With one step the sum is 0 by
 * construction; it converges to S(Z) as K grows. Collected as an {@link OdeSolver.StepObserver} in
 * double precision through the expansion {@code Σ_k ‖D − v_k‖² = K ‖D‖² − 2 D·Σ_k v_k + Σ_k
 * ‖v_k‖²}, so that no velocity is stored.
 */
public final class Straightness implements OdeSolver.StepObserver {

  private double[] start;
  private double[] velocitySum;
  private double[] squaredSpeedSum;
  private int steps;
  private int d;

  @Override
  public void onStep(int k, double t, NDArray x, NDArray k1) {
    double[] v = k1.toType(DataType.FLOAT64, false).toDoubleArray();
    if (start == null) {
      start = x.toType(DataType.FLOAT64, false).toDoubleArray();
      d = Math.toIntExact(x.getShape().get(1));
      velocitySum = new double[v.length];
      squaredSpeedSum = new double[v.length / d];
    }
    for (int i = 0; i < v.length; i++) {
      velocitySum[i] += v[i];
      squaredSpeedSum[i / d] += v[i] * v[i];
    }
    steps++;
  }

  /** S for the end point {@code x_K} of the observed solve. */
  public double value(NDArray end) {
    if (steps == 0) {
      throw new IllegalStateException("straightness needs a solve observed first");
    }
    double[] x1 = end.toType(DataType.FLOAT64, false).toDoubleArray();
    int n = squaredSpeedSum.length;
    double total = 0;
    for (int r = 0; r < n; r++) {
      double dd = 0;
      double dv = 0;
      for (int j = 0; j < d; j++) {
        int i = r * d + j;
        double disp = x1[i] - start[i];
        dd += disp * disp;
        dv += disp * velocitySum[i];
      }
      total += steps * dd - 2 * dv + squaredSpeedSum[r];
    }
    return Math.max(0, total / steps / n);
  }
}
