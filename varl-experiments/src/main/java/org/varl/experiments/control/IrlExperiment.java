package org.varl.experiments.control;

import java.util.List;
import org.varl.control.Backup;
import org.varl.control.BackwardMessages;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.PolicyVisitation;
import org.varl.control.grid.CellFeatures;
import org.varl.control.grid.CellType;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.SlipperyGridworld;
import org.varl.control.irl.Demonstrations;
import org.varl.control.irl.IrlConfig;
import org.varl.control.irl.IrlResult;
import org.varl.control.irl.MaxEntIrl;
import org.varl.control.irl.Trajectory;
import org.varl.core.engine.MemoryBudget;
import org.varl.experiments.Listener;

/**
 * MaxEnt IRL (Ziebart et al. 2008, causal form) on the slippery gridworld: demonstrations from the
 * soft-optimal (maxent backup) expert with the true reward, or read from a file; the weights of the
 * cell-type features learned by {@link MaxEntIrl}; rewards compared up to the best constant shift,
 * which no policy can reveal; visitations compared by total variation to the demonstrations' and
 * (sampled demonstrations) the expert's.
 */
public final class IrlExperiment {
  private IrlExperiment() {}

  /**
   * Samples or reads the demonstrations and fits; the listener gets one stage whose units are
   * ascent steps.
   */
  public static IrlExperimentResult run(IrlExperimentConfig c, Listener listener) {
    IrlConfig irl = new IrlConfig(c.temperature(), c.iterations(), c.learningRate());
    Gridworld grid = SlipperyGridworld.build(c.size(), c.slip());
    Mdp mdp = grid.mdp();
    double[][] features = CellFeatures.of(grid);
    double[] trueReward = MaxEntIrl.stateRewards(features, CellFeatures.TRUE_WEIGHTS);
    List<Trajectory> demos;
    double[][] expertVisitation = null;
    double[][] expertPolicy = null;
    if (c.demos() != null) {
      demos = Demonstrations.read(c.demos(), mdp);
    } else {
      InferenceConfig expert =
          new InferenceConfig(c.horizon(), c.temperature(), Backup.MAXENT, 1.0);
      expertPolicy = BackwardMessages.compute(mdp, expert).policy();
      expertVisitation = PolicyVisitation.compute(mdp, expertPolicy);
      MemoryBudget.check(
          "numDemos",
          c.numDemos(),
          Trajectory.bytes(c.numDemos(), c.horizon()),
          "the demonstrations (" + c.horizon() + " steps each)");
      demos = Demonstrations.sample(mdp, expertPolicy, c.numDemos(), c.seed());
    }
    int horizon = demos.get(0).length();
    listener.stage("MaxEnt IRL ascent", irl.iterations());
    IrlResult fit = MaxEntIrl.fit(mdp, features, demos, irl, iteration -> listener.advance(1));

    double shift = 0;
    for (int s = 0; s < trueReward.length; s++) {
      shift += (trueReward[s] - fit.stateRewards()[s]) / trueReward.length;
    }
    double sq = 0;
    double[] shifted = new double[trueReward.length];
    for (int s = 0; s < trueReward.length; s++) {
      shifted[s] = fit.stateRewards()[s] + shift;
      sq += Math.pow(trueReward[s] - shifted[s], 2) / trueReward.length;
    }
    double[][] empirical = new double[horizon][mdp.numStates()];
    for (Trajectory d : demos) {
      for (int t = 0; t < horizon; t++) {
        empirical[t][d.states()[t]] += 1.0 / demos.size();
      }
    }
    double tvDemos = 0;
    double tvExpert = expertVisitation == null ? Double.NaN : 0;
    for (int t = 0; t < horizon; t++) {
      tvDemos =
          Math.max(tvDemos, StateDistributions.totalVariation(empirical[t], fit.visitation()[t]));
      if (expertVisitation != null) {
        tvExpert =
            Math.max(
                tvExpert,
                StateDistributions.totalVariation(expertVisitation[t], fit.visitation()[t]));
      }
    }
    double expertLl =
        expertPolicy == null
            ? Double.NaN
            : MaxEntIrl.averageLogLikelihood(expertPolicy, demos, mdp.numActions());
    return new IrlExperimentResult(
        c,
        grid,
        demos,
        horizon,
        CellFeatures.NAMES.clone(),
        CellFeatures.TRUE_WEIGHTS.clone(),
        fit.weights(),
        shift,
        Math.sqrt(sq),
        tvDemos,
        tvExpert,
        expertLl,
        fit,
        trueReward,
        shifted,
        sumOverTime(empirical),
        sumOverTime(fit.visitation()),
        lavaSlipFraction(grid, demos));
  }

  /**
   * Among the steps t -> t+1 of the demonstrations that land on lava, the fraction that land on a
   * state other than the most probable successor of (s_t, a_t), i.e. by a slip; NaN when none lands
   * on lava.
   */
  static double lavaSlipFraction(Gridworld grid, List<Trajectory> demos) {
    Mdp mdp = grid.mdp();
    int slips = 0;
    int landings = 0;
    for (Trajectory d : demos) {
      for (int t = 0; t + 1 < d.length(); t++) {
        int next = d.states()[t + 1];
        if (grid.type(next) != CellType.LAVA) {
          continue;
        }
        int s = d.states()[t];
        int a = d.actions()[t];
        int intended = -1;
        double best = -1;
        for (int k = mdp.rowBegin(s, a); k < mdp.rowEnd(s, a); k++) {
          if (mdp.probability(k) > best) {
            best = mdp.probability(k);
            intended = mdp.successor(k);
          }
        }
        landings++;
        if (next != intended) {
          slips++;
        }
      }
    }
    return landings == 0 ? Double.NaN : (double) slips / landings;
  }

  private static double[] sumOverTime(double[][] d) {
    double[] total = new double[d[0].length];
    for (double[] row : d) {
      for (int s = 0; s < row.length; s++) {
        total[s] += row[s];
      }
    }
    return total;
  }
}
