package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The divergence {@code ∇·v(x, t) = tr ∂v/∂x} of a {@link VelocityField}, row by row, from
 * Jacobian-vector products:
 *
 * <pre>
 *   exact        tr J = Σ_{i=1..d} e_iᵀ J e_i                      (d products, batched in one call)
 *   Hutchinson   tr J ≈ εᵀ J ε,   E[ε εᵀ] = I  ⇒  E[εᵀ J ε] = tr J   (one product; Hutchinson 1990)
 * </pre>
 *
 * with ε Rademacher (±1): its variance {@code Σ_{i≠j} J_ij (J_ij + J_ji)} lacks the diagonal term
 * {@code 2 Σ_i J_ii²} that Gaussian ε adds (Grathwohl et al., FFJORD, ICLR 2019, §3.1, use either).
 * The exact form costs d times the rows, so it is for low dimensions (the 2-D toys); Hutchinson's
 * for any d.
 */
public final class Divergence {

  private Divergence() {}

  /** A velocity {@code [n, d]} with its divergence {@code [n]}. */
  public record VelocityDivergence(NDArray velocity, NDArray divergence) {}

  /**
   * {@code v(x, t)} and the exact {@code tr ∂v/∂x}: x tiled d times against the unit tangents e_1
   * .. e_d, one Jacobian-vector product on the {@code [d·n, d]} rows, and the diagonal picked out
   * with a mask.
   */
  public static VelocityDivergence exact(VelocityField field, NDArray x, double t) {
    long n = x.getShape().get(0);
    int d = Math.toIntExact(x.getShape().get(1));
    NDManager m = x.getManager();
    NDArray tiled = x.tile(new long[] {d, 1});
    NDArray eye = m.eye(d).toType(x.getDataType(), false);
    // Row block i holds e_i: [d, 1, d] broadcast over the n rows, then flattened to [d·n, d].
    NDArray tangents = eye.reshape(d, 1, d).broadcast(new Shape(d, n, d)).reshape(d * n, d);
    VelocityField.Jvp jvp = field.jvp(tiled, t, tangents);
    NDArray diagonal =
        jvp.tangent().reshape(d, n, d).mul(eye.reshape(d, 1, d)).sum(new int[] {0, 2});
    NDArray velocity = jvp.velocity().get("0:" + n);
    return new VelocityDivergence(velocity, diagonal);
  }

  /** {@code v(x, t)} and Hutchinson's estimate {@code εᵀ (∂v/∂x) ε} for the given ε: [n, d]. */
  public static VelocityDivergence hutchinson(
      VelocityField field, NDArray x, double t, NDArray epsilon) {
    VelocityField.Jvp jvp = field.jvp(x, t, epsilon);
    return new VelocityDivergence(jvp.velocity(), jvp.tangent().mul(epsilon).sum(new int[] {1}));
  }

  /** Rademacher probes {@code [n, d]} (each entry ±1 with probability ½) as float values. */
  public static float[] rademacher(SplittableRandom random, int n, int d) {
    float[] e = new float[n * d];
    for (int i = 0; i < e.length; i++) {
      e[i] = random.nextBoolean() ? 1f : -1f;
    }
    return e;
  }
}
