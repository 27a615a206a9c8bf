package org.varl.rl.imitation.eval;

import java.util.List;
import org.varl.rl.env.Obstacle;

/**
 * The mode of an obstacle rollout: the side on which it passes each disc, encoded as the expert
 * encodes its modes ({@code ObstacleExpert.mode()}).
 *
 * <pre>
 *   crossing of disc k:  the first step t with y_t &lt; c_k ≤ y_{t+1}  (c_k the y of disc k's centre)
 *   x*_k = x_t + (c_k − y_t) / (y_{t+1} − y_t) · (x_{t+1} − x_t)       (the segment's x at height c_k)
 *   side_k = right when x*_k &gt; 0, left when x*_k &lt; 0                 (all centres lie on x = 0)
 *   mode = Σ_k [side_k = right] · 2^k                                   (2 modes with one disc, 4 with two)
 * </pre>
 *
 * <p>A successful rollout starts below every centre (the start is (0, 0) + noise, the first centre
 * at y = 0.5) and ends above the goal line, so it crosses every centre's height; it does so outside
 * the disc, at |x*| ≥ 0.25, so the side is never ambiguous. Collisions and timeouts need not cross
 * and have no mode.
 */
public final class ObstacleModes {

  private ObstacleModes() {}

  /** The number of modes for the task, 2^obstacles. */
  public static int count(Obstacle task) {
    return 1 << task.obstacles();
  }

  /**
   * The mode of {@code rollout}, or −1 when it does not cross the height of every centre upwards
   * (or crosses one exactly at x = 0).
   */
  public static int mode(Obstacle task, ObstacleRollout rollout) {
    List<double[]> p = rollout.positions();
    int mode = 0;
    for (int k = 0; k < task.obstacles(); k++) {
      double c = task.centre(k)[1];
      double x = Double.NaN;
      for (int t = 0; t + 1 < p.size(); t++) {
        double[] a = p.get(t);
        double[] b = p.get(t + 1);
        if (a[1] < c && c <= b[1]) {
          x = a[0] + (c - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
          break;
        }
      }
      if (!(x != 0) || Double.isNaN(x)) {
        return -1;
      }
      mode |= x > 0 ? 1 << k : 0;
    }
    return mode;
  }
}
