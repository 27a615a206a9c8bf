package org.varl.models.flow;

import ai.djl.ndarray.NDArray;

/**
 * A time-dependent velocity field {@code v(x, t)} on R^d, the right-hand side of the flow ODE
 *
 * <pre>  dx/dt = v(x, t),   x: [n, d],   t a scalar shared by the batch</pre>
 *
 * with its Jacobian-vector product {@code J_v(x, t) u = ∂v/∂x · u} (forward mode), from which the
 * divergence {@code tr ∂v/∂x} is computed exactly ({@link Divergence#exact}) or estimated ({@link
 * Divergence#hutchinson}). Convention of this package (Lipman et al. 2023): t = 0 is the noise N(0,
 * I), t = 1 the data.
 *
 * <p>Results are attached to {@code x}'s manager (the first input of every op), so a caller scopes
 * a call by giving it an {@code x} that lives in a sub-manager.
 */
public interface VelocityField {

  /** The dimension d of the state. */
  int dimension();

  /** {@code v(x, t)}: shape {@code [n, d]} for {@code x: [n, d]}. */
  NDArray velocity(NDArray x, double t);

  /**
   * {@code v(x, t)} and {@code J_v(x, t) u} for {@code x, u: [n, d]}, row i of u a tangent at row i
   * of x.
   */
  Jvp jvp(NDArray x, double t, NDArray u);

  /** A velocity and its Jacobian-vector product, both {@code [n, d]}. */
  record Jvp(NDArray velocity, NDArray tangent) {}
}
