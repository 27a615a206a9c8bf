package org.varl.experiments.rl;

import java.util.List;

/**
 * What {@link TabularBridgeExperiment} measured. Q tables are [state][action], prior-folded as
 * {@code varl control solve --horizon inf} writes them (-infinity where p(a|s) = 0).
 *
 * @param config the settings
 * @param states S
 * @param actions A
 * @param pairs the allowed pairs (s,a), p(a|s) &gt; 0: one sweep of the learner
 * @param q the learned Q after {@code config.samples()} samples
 * @param qMaxent soft value iteration's Q* with the maxent backup, the learner's limit
 * @param qExact soft value iteration's Q* with the exact backup
 * @param convergence max |Q - Q*| against both at log-spaced sample counts, the last at {@code
 *     config.samples()}
 * @param rewardRange max r(s,a) - min r(s,a) over the allowed pairs
 * @param backupGap max |Q*_exact - Q*_maxent|: 0 for deterministic dynamics, the exact backup's
 *     optimism otherwise
 */
public record TabularBridgeResult(
    TabularBridgeConfig config,
    int states,
    int actions,
    int pairs,
    double[][] q,
    double[][] qMaxent,
    double[][] qExact,
    List<Row> convergence,
    double rewardRange,
    double backupGap) {

  /** The quality target: max |Q - Q*_maxent| below this share of the reward range. */
  public static final double TARGET_SHARE = 0.01;

  public TabularBridgeResult {
    convergence = List.copyOf(convergence);
    if (convergence.isEmpty()) {
      throw new IllegalArgumentException("convergence: needs at least one row, found none");
    }
  }

  /** One checkpoint: the samples used so far and the two distances. */
  public record Row(long samples, double maxentDistance, double exactDistance) {}

  /** max |Q - Q*_maxent| at the end. */
  public double maxentDistance() {
    return convergence.get(convergence.size() - 1).maxentDistance();
  }

  /** max |Q - Q*_exact| at the end. */
  public double exactDistance() {
    return convergence.get(convergence.size() - 1).exactDistance();
  }

  /**
   * The computed lower bound on max |Q - Q*_exact| from the triangle inequality: backupGap - max |Q
   * - Q*_maxent|; positive once the learner is closer to Q*_maxent than the backups are to each
   * other.
   */
  public double exactLowerBound() {
    return backupGap - maxentDistance();
  }

  /** {@link #TARGET_SHARE} of the reward range. */
  public double target() {
    return TARGET_SHARE * rewardRange;
  }
}
