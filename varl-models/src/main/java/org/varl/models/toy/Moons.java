package org.varl.models.toy;

import java.util.SplittableRandom;

/**
 * {@code moons}: two interleaving half circles with Gaussian noise, scikit-learn's {@code
 * make_moons(noise = 0.1)} rescaled as in FFJORD's toy data (Grathwohl et al. 2019, {@code x · 2 +
 * (−1, −0.2)}):
 *
 * <pre>
 *   moon m ∈ {0, 1} with probability ½ each, θ ~ U[0, π],  ε ~ N(0, I)
 *   m = 0 (upper):  u = (cos θ, sin θ)          m = 1 (lower):  u = (1 − cos θ, ½ − sin θ)
 *   x = 2 (u + 0.1 ε) + (−1, −0.2)
 * </pre>
 *
 * (scikit-learn spaces θ evenly; here it is drawn uniformly, so every draw is independent). The
 * density is not known in closed form. Draw order: m, θ, then ε_x, ε_y.
 */
public final class Moons implements PointData {

  /** The spec. */
  public static final String SPEC = "moons";

  /** Standard deviation of the noise before rescaling (scikit-learn's {@code noise}). */
  public static final double NOISE = 0.1;

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
      boolean lower = random.nextBoolean();
      double theta = Math.PI * random.nextDouble();
      double ux = lower ? 1 - Math.cos(theta) : Math.cos(theta);
      double uy = lower ? 0.5 - Math.sin(theta) : Math.sin(theta);
      out[2 * i] = (float) (2 * (ux + NOISE * random.nextGaussian()) - 1.0);
      out[2 * i + 1] = (float) (2 * (uy + NOISE * random.nextGaussian()) - 0.2);
    }
    return out;
  }

  @Override
  public float[] heldOut(int n, SplittableRandom random) {
    return sample(n, random);
  }
}
