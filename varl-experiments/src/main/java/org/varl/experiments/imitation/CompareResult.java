package org.varl.experiments.imitation;

import java.util.List;
import java.util.Optional;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstacleRollout;

/**
 * The comparison: one {@link Cell} per policy, z choice and seed, their {@link Summary} over seeds,
 * and, for the figure, the first seed's rollouts of each policy and z choice and its CVAE's latent
 * means of the demonstrations.
 *
 * @param obstacles the task's discs
 * @param expert the scripted expert's row (evaluated with the first seed), the reference
 * @param expertFirstDx the expert's mean |dx| of the first action
 * @param cells every (policy, z, seed), in the order trained
 * @param summaries per (policy, z): the mean, min and max over seeds
 * @param rollouts the first seed's rollouts per (policy, z), in the order of {@code summaries}
 * @param latentMeans the first seed's {@code cvae} posterior means of the demos, row-major {@code
 *     [n, latent]}, if the CVAE was trained
 * @param latent the CVAE's latent size (0 without it)
 */
public record CompareResult(
    int obstacles,
    ImitationMetrics expert,
    double expertFirstDx,
    List<Cell> cells,
    List<Summary> summaries,
    List<List<ObstacleRollout>> rollouts,
    Optional<float[]> latentMeans,
    int latent) {

  /**
   * One trained and evaluated policy.
   *
   * @param z the test-time choice, or null for the kinds without a latent
   * @param firstDx the mean over episodes of |dx| of the first action (the expert's is ≈ 0.045, a
   *     full-speed turn to one side; a policy that averages the two sides at the start acts ≈ 0)
   * @param trainSeconds wall-clock seconds of its training (shared by the z choices of one model)
   */
  public record Cell(
      ImitationPolicyKind policy,
      LatentChoice z,
      long seed,
      ImitationMetrics metrics,
      double firstDx,
      double trainSeconds) {

    /** {@code cvae z per-episode}, {@code bc-gaussian}. */
    public String label() {
      return policy.id() + (z == null ? "" : " z " + z.id());
    }
  }

  /** Mean, min and max over seeds of one metric. */
  public record Spread(double mean, double min, double max) {

    static Spread of(double[] values) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return new Spread(sum / values.length, min, max);
    }
  }

  /**
   * A (policy, z) row of the table over seeds; {@code modeFractions} pools the successful episodes
   * of every seed.
   */
  public record Summary(
      ImitationPolicyKind policy,
      LatentChoice z,
      int seeds,
      Spread success,
      Spread collision,
      Spread timeout,
      Spread entropy,
      Spread jerk,
      Spread firstDx,
      double[] modeFractions,
      double trainSeconds) {

    public String label() {
      return policy.id() + (z == null ? "" : " z " + z.id());
    }
  }
}
