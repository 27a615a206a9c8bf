package org.varl.models.toy;

import java.util.SplittableRandom;

/**
 * {@code swissroll}: the 2-D Swiss roll, scikit-learn's {@code make_swiss_roll(noise = 1.0)}
 * projected on its (x, z) plane and divided by 5, as in FFJORD's toy data (Grathwohl et al. 2019):
 *
 * <pre>
 *   t = (3π/2)(1 + 2u),  u ~ U[0, 1),   ε ~ N(0, I)
 *   x = (t cos t + ε_x, t sin t + ε_y) / 5
 * </pre>
 *
 * so the spiral's angle runs over [3π/2, 9π/2] and the noise has standard deviation 0.2 after
 * scaling. The density is not known in closed form. Draw order: u, then ε_x, ε_y.
 */
public final class SwissRoll implements PointData {

  /** The spec. */
  public static final String SPEC = "swissroll";

  /** Noise standard deviation before the division by {@link #SCALE} (scikit-learn's noise). */
  public static final double NOISE = 1.0;

  /** The divisor applied to the roll. */
  public static final double SCALE = 5.0;

  @Override
  public String spec() {
    return SPEC;
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public float[] sample(int n, SplittableRandom random) {
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double t = 1.5 * Math.PI * (1 + 2 * random.nextDouble());
      out[2 * i] = (float) ((t * Math.cos(t) + NOISE * random.nextGaussian()) / SCALE);
      out[2 * i + 1] = (float) ((t * Math.sin(t) + NOISE * random.nextGaussian()) / SCALE);
    }
    return out;
  }

  @Override
  public float[] heldOut(int n, SplittableRandom random) {
    return sample(n, random);
  }
}
