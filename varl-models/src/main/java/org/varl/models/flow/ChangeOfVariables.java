package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The exact log-likelihood of a continuous normalizing flow by the instantaneous change of
 * variables (Chen et al., "Neural Ordinary Differential Equations", NeurIPS 2018, Thm. 1):
 *
 * <pre>
 *   d/dt log p_t(x_t) = −∇·v(x_t, t)
 *   ⇒  log p_1(x) = log N(z_0; 0, I) − ∫_0^1 ∇·v(x_t, t) dt,   x_1 = x, z_0 = x_0
 * </pre>
 *
 * solved backwards from t = 1 (the data point) to t = 0 (noise) as one ODE on the augmented state
 * {@code [x_t, ℓ_t]: [n, d + 1]} with {@code dℓ/dt = ∇·v} and ℓ_1 = 0, so that ℓ_0 = ∫_1^0 ∇·v dt =
 * −∫_0^1 ∇·v dt and log p_1(x) = log N(x_0; 0, I) + ℓ_0. The divergence is exact ({@link
 * Divergence#exact}) or Hutchinson's estimate with one Rademacher probe per row held fixed along
 * the whole path, which keeps the estimate of log p unbiased (FFJORD, §3.1).
 */
public final class ChangeOfVariables {

  private ChangeOfVariables() {}

  /** How the divergence is computed. */
  public enum Estimator {
    EXACT("exact"),
    HUTCHINSON("hutchinson");

    private final String id;

    Estimator(String id) {
      this.id = id;
    }

    /** The lower-case name used in options and files. */
    public String id() {
      return id;
    }

    /** The estimator named {@code id}, or an error listing the valid names. */
    public static Estimator parse(String id) {
      for (Estimator e : values()) {
        if (e.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
          return e;
        }
      }
      throw new IllegalArgumentException(
          "divergence must be one of exact, hutchinson, found " + id);
    }
  }

  /**
   * {@code log p_1(x)} per row of {@code x: [n, d]} under the flow of {@code field} from N(0, I),
   * integrated with {@code solver} in {@code steps} steps; {@code random} draws the Hutchinson
   * probes (unused for the exact divergence). Leaves no array behind in x's manager.
   */
  public static double[] logLikelihood(
      VelocityField field,
      NDArray x,
      OdeSolver solver,
      int steps,
      Estimator estimator,
      SplittableRandom random) {
    Shape shape = x.getShape();
    if (shape.dimension() != 2 || shape.get(1) != field.dimension()) {
      throw new IllegalArgumentException(
          "points must be [n, " + field.dimension() + "], found " + shape);
    }
    int n = Math.toIntExact(shape.get(0));
    int d = field.dimension();
    NDManager home = x.getManager();
    try (NDManager scope = home.newSubManager()) {
      NDArray epsilon =
          estimator == Estimator.HUTCHINSON
              ? scope
                  .create(Divergence.rademacher(random, n, d), new Shape(n, d))
                  .toType(x.getDataType(), false)
              : null;
      OdeSolver.Dynamics augmented =
          (state, t) -> {
            NDArray xt = state.get(":, 0:" + d);
            Divergence.VelocityDivergence vd =
                estimator == Estimator.EXACT
                    ? Divergence.exact(field, xt, t)
                    : Divergence.hutchinson(field, xt, t, epsilon);
            return NDArrays.concat(new NDList(vd.velocity(), vd.divergence().reshape(n, 1)), 1);
          };
      x.tempAttach(scope);
      NDArray start =
          NDArrays.concat(new NDList(x, scope.zeros(new Shape(n, 1), x.getDataType())), 1);
      NDArray end = solver.integrate(augmented, start, 1.0, 0.0, steps);
      double[] z = end.get(":, 0:" + d).toType(DataType.FLOAT64, false).toDoubleArray();
      double[] ell = end.get(":, " + d).toType(DataType.FLOAT64, false).toDoubleArray();
      double[] logp = new double[n];
      for (int i = 0; i < n; i++) {
        double sq = 0;
        for (int j = 0; j < d; j++) {
          sq += z[i * d + j] * z[i * d + j];
        }
        // ℓ_0 = ℓ_1 + ∫_1^0 ∇·v dt = −∫_0^1 ∇·v dt.
        logp[i] = -0.5 * sq - 0.5 * d * Math.log(2 * Math.PI) + ell[i];
      }
      return logp;
    }
  }
}
