package org.varl.rl.imitation.eval;

import java.util.ArrayList;
import java.util.List;
import org.varl.rl.env.Obstacle;

/**
 * The scores of a set of obstacle rollouts, as the multimodal imitation literature reports them
 * (D3IL, Jia et al. 2024: success rate and behaviour entropy).
 *
 * <pre>
 *   N episodes; success rate = #SUCCESS / N, collision rate = #COLLISION / N, timeout rate = #TIMEOUT / N
 *   M = 2^obstacles modes ({@link ObstacleModes}); n_m = successful rollouts of mode m, S = Σ_m n_m
 *   mode fraction p_m = n_m / S                                     (all 0 when S = 0)
 *   behaviour entropy  H = −Σ_m p_m log p_m / log M  ∈ [0, 1]       (0 log 0 = 0; H = 0 when S = 0)
 *   jerk term  j = ‖a_{t+2} − 2 a_{t+1} + a_t‖² = ‖Δ³ s_t‖²           (s_{t+1} = s_t + a_t: actions are velocities)
 *   mean jerk = the mean of j over every t ≤ T − 3 of every rollout (all outcomes), in (length/step³)²
 * </pre>
 *
 * <p>Behaviour entropy 1 means the successful rollouts use every mode equally often, 0 that they
 * all use one mode. With no success it is reported as 0 (no behaviour was shown), which a reader
 * must not take for a committed, unimodal policy: read it with the success rate. The jerk is the
 * squared third difference of the positions, the discrete form of the integrated squared jerk of
 * minimum-jerk motion (Flash and Hogan 1985); as the positions are the running sum of the applied
 * actions, it equals the squared second difference of the actions. It is {@code NaN} when no
 * rollout has three actions.
 *
 * @param episodes N
 * @param successRate #SUCCESS / N
 * @param collisionRate #COLLISION / N
 * @param timeoutRate #TIMEOUT / N
 * @param modeCounts n_m for m = 0, …, M − 1 (bit k of m set: disc k passed on the right)
 * @param modeFractions p_m
 * @param behaviourEntropy H
 * @param meanJerk the mean squared third difference of the positions
 */
public record ImitationMetrics(
    int episodes,
    double successRate,
    double collisionRate,
    double timeoutRate,
    List<Integer> modeCounts,
    List<Double> modeFractions,
    double behaviourEntropy,
    double meanJerk) {

  /** Copies the lists. */
  public ImitationMetrics {
    modeCounts = List.copyOf(modeCounts);
    modeFractions = List.copyOf(modeFractions);
  }

  /** The number of modes M. */
  public int modes() {
    return modeCounts.size();
  }

  /**
   * The metrics of {@code rollouts} on the task with {@code obstacles} discs.
   *
   * @throws IllegalArgumentException if {@code obstacles} is not 1 or 2, there are no rollouts, or
   *     a successful rollout has no mode (it does not cross every disc's height: not a rollout of
   *     this task)
   */
  public static ImitationMetrics of(int obstacles, List<ObstacleRollout> rollouts) {
    Obstacle task = new Obstacle(obstacles);
    if (rollouts.isEmpty()) {
      throw new IllegalArgumentException("rollouts must not be empty, found 0 episodes");
    }
    int m = ObstacleModes.count(task);
    int[] counts = new int[m];
    int success = 0;
    int collision = 0;
    int timeout = 0;
    double jerkSum = 0;
    long jerkTerms = 0;
    for (int e = 0; e < rollouts.size(); e++) {
      ObstacleRollout r = rollouts.get(e);
      switch (r.outcome()) {
        case SUCCESS -> {
          success++;
          int mode = ObstacleModes.mode(task, r);
          if (mode < 0) {
            throw new IllegalArgumentException(
                "rollout "
                    + e
                    + " is a success but does not cross the height of every disc's centre");
          }
          counts[mode]++;
        }
        case COLLISION -> collision++;
        case TIMEOUT -> timeout++;
      }
      List<double[]> a = r.actions();
      for (int t = 0; t + 2 < a.size(); t++) {
        double jx = a.get(t + 2)[0] - 2 * a.get(t + 1)[0] + a.get(t)[0];
        double jy = a.get(t + 2)[1] - 2 * a.get(t + 1)[1] + a.get(t)[1];
        jerkSum += jx * jx + jy * jy;
        jerkTerms++;
      }
    }
    double n = rollouts.size();
    List<Integer> modeCounts = new ArrayList<>(m);
    List<Double> fractions = new ArrayList<>(m);
    double entropy = 0;
    for (int k = 0; k < m; k++) {
      modeCounts.add(counts[k]);
      double p = success == 0 ? 0 : counts[k] / (double) success;
      fractions.add(p);
      if (p > 0) {
        entropy -= p * Math.log(p);
      }
    }
    return new ImitationMetrics(
        rollouts.size(),
        success / n,
        collision / n,
        timeout / n,
        modeCounts,
        fractions,
        entropy / Math.log(m),
        jerkTerms == 0 ? Double.NaN : jerkSum / jerkTerms);
  }
}
