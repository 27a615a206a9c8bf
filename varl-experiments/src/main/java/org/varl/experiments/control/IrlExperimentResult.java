package org.varl.experiments.control;

import java.util.List;
import org.varl.control.grid.Gridworld;
import org.varl.control.irl.IrlResult;
import org.varl.control.irl.Trajectory;

/**
 * What {@link IrlExperiment} measured. (Not {@code IrlResult}: that is varl-control's fit, {@link
 * #fit}.) Arrays are per state {@code [S]} unless said otherwise and belong to the result.
 *
 * @param config the settings
 * @param grid the slippery gridworld
 * @param demos the demonstrations, sampled ({@code config.demos() == null}) or read
 * @param horizon their length T
 * @param features the feature names, floor, lava, goal
 * @param trueWeights the gridworld's weights of those features
 * @param learnedWeights theta
 * @param shift the constant c minimizing sum_s (r_true(s) - r_learned(s) - c)^2 (rewards are
 *     identified only up to a constant: every state has one indicator)
 * @param rewardRmse the RMS of r_true - r_learned - c
 * @param tvToDemos max_t TV(learned visitation d_t, the demonstrations' empirical state
 *     distribution at t)
 * @param tvToExpert max_t TV(d_t, the expert's visitation) when the demonstrations were sampled,
 *     else NaN
 * @param expertLogLikelihood the expert policy's average per-step log-likelihood of the
 *     demonstrations, or NaN
 * @param fit the ascent's result: weights, curves, policy [T][S*A], visitation [T][S]
 * @param trueReward r_true(s)
 * @param shiftedReward r_learned(s) + c
 * @param demoOccupancy sum_t of the demonstrations' empirical state distributions
 * @param learnedOccupancy sum_t d_t(s)
 * @param lavaSlipFraction among the demonstrations' steps that enter or stay on lava (t >= 1), the
 *     fraction whose state is not the most probable successor of the action taken: lava reached by
 *     a slip rather than chosen; NaN when no step reaches lava
 */
public record IrlExperimentResult(
    IrlExperimentConfig config,
    Gridworld grid,
    List<Trajectory> demos,
    int horizon,
    String[] features,
    double[] trueWeights,
    double[] learnedWeights,
    double shift,
    double rewardRmse,
    double tvToDemos,
    double tvToExpert,
    double expertLogLikelihood,
    IrlResult fit,
    double[] trueReward,
    double[] shiftedReward,
    double[] demoOccupancy,
    double[] learnedOccupancy,
    double lavaSlipFraction) {

  public IrlExperimentResult {
    demos = List.copyOf(demos);
  }

  /** True when the demonstrations were sampled from the expert (and so should be saved). */
  public boolean sampledDemos() {
    return config.demos() == null;
  }
}
