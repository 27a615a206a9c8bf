package org.varl.rl.imitation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.rl.env.Obstacle;

/**
 * The scripted expert of the obstacle task: a controller with one mode per choice of sides, which
 * never enters a disc.
 *
 * <pre>
 *   once per episode: side_k ~ Uniform{left, right} independently for each disc k,
 *                     mode = Σ_k [side_k = right] · 2^k        (0..1 with one disc, 0..3 with two)
 *   way-points:       (σ_0 w, c_0 − r); for each disc k: (σ_k w, u_k), then (σ_{k+1} w, u_k) if the next
 *                     disc is passed on the other side; finally (σ_K w, goal + 0.1);   σ = −1 left, +1 right; w = 0.45
 *                     u_k = c_k + r after the last disc, else the middle of the gap (c_k + c_{k+1}) / 2
 *   action:           a = 0.05 (p − s) / ‖p − s‖ + ε,   ε ~ N(0, σ_a² I),  σ_a = 0.005 by default
 * </pre>
 *
 * where p is the current way-point, r = 0.25 and c_k the y of disc k's centre (all centres on x =
 * 0); a way-point counts as reached within 0.03 of it, and the next one is taken. The task clips a
 * to norm 0.05. One disc: (σw, 0.25), (σw, 0.75), (σw, 1.1). Two discs: (σ_0 w, 0.25), (σ_0 w,
 * 0.85), [(σ_1 w, 0.85) when σ_1 ≠ σ_0], (σ_1 w, 1.45), (σ_1 w, 1.8): a change of side crosses the
 * gap between the discs horizontally at its middle, y = 0.85, 0.1 from both circles (the gap is 0.2
 * wide, so no path has more clearance there). Elsewhere the way-point path keeps ≥ 0.18 from every
 * circle. The noise's drift across a leg of ≤ 18 steps has a standard deviation of about 0.005 √18
 * ≈ 0.02, a fifth of the narrowest clearance.
 */
public final class ObstacleExpert {

  /** The lateral offset w of the way-points from the discs' axis x = 0. */
  public static final double OFFSET = 0.45;

  /** The default standard deviation σ_a of the action noise, per coordinate. */
  public static final double NOISE_STD = 0.005;

  /** A way-point is reached within this distance. */
  static final double REACHED = 0.03;

  private final Obstacle task;
  private final double noiseStd;
  private final boolean[] right;
  private double[][] waypoints;
  private int next;
  private int mode = -1;

  /**
   * The expert for {@code task}'s geometry.
   *
   * @throws IllegalArgumentException if {@code noiseStd} is negative or not finite
   */
  public ObstacleExpert(Obstacle task, double noiseStd) {
    if (!(noiseStd >= 0) || !Double.isFinite(noiseStd)) {
      throw new IllegalArgumentException("noise-std must be finite and >= 0, found " + noiseStd);
    }
    this.task = task;
    this.noiseStd = noiseStd;
    this.right = new boolean[task.obstacles()];
  }

  /** The number of modes, 2^obstacles. */
  public int modes() {
    return 1 << task.obstacles();
  }

  /** Draws the sides for a new episode and returns the mode. */
  public int reset(SplittableRandom random) {
    mode = 0;
    for (int k = 0; k < right.length; k++) {
      right[k] = random.nextBoolean();
      mode |= right[k] ? 1 << k : 0;
    }
    waypoints = waypoints(task, right);
    next = 0;
    return mode;
  }

  /** The mode of the current episode: bit k is 1 when disc k is passed on the right (x > 0). */
  public int mode() {
    requireReset();
    return mode;
  }

  /** The way-points for the given sides (right[k]: disc k on the right), in order. */
  static double[][] waypoints(Obstacle task, boolean[] right) {
    int n = task.obstacles();
    List<double[]> p = new ArrayList<>();
    p.add(new double[] {side(right[0]), task.centre(0)[1] - Obstacle.RADIUS});
    for (int k = 0; k < n; k++) {
      double c = task.centre(k)[1];
      double u = k == n - 1 ? c + Obstacle.RADIUS : (c + task.centre(k + 1)[1]) / 2;
      p.add(new double[] {side(right[k]), u});
      if (k < n - 1 && right[k + 1] != right[k]) {
        p.add(new double[] {side(right[k + 1]), u});
      }
    }
    p.add(new double[] {side(right[n - 1]), task.goalY() + 0.1});
    return p.toArray(new double[0][]);
  }

  private static double side(boolean right) {
    return right ? OFFSET : -OFFSET;
  }

  /** The action at {@code state}: full speed towards the current way-point plus noise. */
  public double[] act(double[] state, SplittableRandom random) {
    requireReset();
    while (next < waypoints.length - 1 && distance(state, waypoints[next]) < REACHED) {
      next++;
    }
    double[] p = waypoints[next];
    double dx = p[0] - state[0];
    double dy = p[1] - state[1];
    double d = Math.hypot(dx, dy);
    double scale = d > 0 ? Obstacle.MAX_SPEED / d : 0;
    return new double[] {
      dx * scale + noiseStd * random.nextGaussian(), dy * scale + noiseStd * random.nextGaussian()
    };
  }

  private static double distance(double[] s, double[] p) {
    return Math.hypot(p[0] - s[0], p[1] - s[1]);
  }

  private void requireReset() {
    if (mode < 0) {
      throw new IllegalStateException("ObstacleExpert: call reset before act or mode");
    }
  }
}
