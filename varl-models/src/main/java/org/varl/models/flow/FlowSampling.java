package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Samples of a flow: z ~ N(0, I) from stream {@code (seed, SAMPLES)}, carried from t = 0 to t = 1
 * by an {@link OdeSolver} with a budget of network evaluations (NFE), with the straightness of the
 * solver's paths ({@link Straightness}). The same seed gives the same z for every solver and NFE,
 * so that rows of a quality table differ only in the integration.
 */
public final class FlowSampling {

  private FlowSampling() {}

  /**
   * Samples {@code [count, d]} row-major, the solver, its steps and the NFE actually spent ({@code
   * steps × evaluations per step}), and the paths' straightness.
   */
  public record Samples(
      float[] points,
      int count,
      int d,
      OdeSolver solver,
      int steps,
      int nfe,
      double straightness) {}

  /**
   * {@code count} samples of the flow of {@code field} with {@code solver} in {@code nfe}
   * evaluations (rounded down to whole steps; below one step is an error naming nfe).
   */
  public static Samples sample(
      VelocityField field, NDManager parent, int count, OdeSolver solver, int nfe, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, found " + count);
    }
    if (nfe < 1) {
      throw new IllegalArgumentException("nfe must be >= 1, found " + nfe);
    }
    int steps = solver.stepsFor(nfe);
    int d = field.dimension();
    try (NDManager m = parent.newSubManager()) {
      NDArray z = NoiseStream.normal(m, new Shape(count, d), seed, Streams.SAMPLES);
      Straightness s = new Straightness();
      NDArray x = solver.integrate(field::velocity, z, 0, 1, steps, s);
      return new Samples(
          x.toFloatArray(),
          count,
          d,
          solver,
          steps,
          steps * solver.evaluationsPerStep(),
          s.value(x));
    }
  }
}
