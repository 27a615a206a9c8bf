package org.varl.control.irl;

import java.util.List;
import java.util.function.IntConsumer;
import org.varl.control.Backup;
import org.varl.control.BackwardMessages;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.PolicyVisitation;

/**
 * Maximum-entropy inverse RL (Ziebart et al. 2008, in the causal form of Ziebart et al. 2010) with
 * linear state rewards r_theta(s) = theta . phi(s):
 *
 * <pre>
 *   empirical  mu_D  = (1/N) sum_i sum_t phi(s_t^i)
 *   backward   V_t, pi_t = soft value iteration with r_theta (maxent backup, temperature alpha, T = demo length)
 *   forward    d_t   = visitation of pi_t from the demos' empirical start distribution p_D
 *   expected   mu_pi = sum_t sum_s d_t(s) phi(s)
 *   objective  L(theta) = (theta . mu_D - sum_s p_D(s) V_0(s)) / (alpha T)
 *   gradient   dL/dtheta = (mu_D - mu_pi) / (alpha T)
 * </pre>
 *
 * L is the dual of the maximum causal entropy problem, concave in theta; its gradient is exactly
 * the feature-count gap because dV_0(s)/dtheta = E_pi[sum_t phi(s_t) | s_0 = s] under the maxent
 * backup. At the optimum the learned policy reproduces the demonstrations' feature expectations.
 * Dividing by T makes the learning rate independent of the horizon; the step adapts (backtracking)
 * so that L never decreases. For deterministic dynamics the exact and maxent backups coincide and
 * this is Ziebart 2008 exactly.
 */
public final class MaxEntIrl {
  private MaxEntIrl() {}

  /**
   * Objective L(theta), the gradient the ascent uses ((mu_D - mu_pi) / (alpha T)), policy and
   * visitation at one theta. Package-private so that the tests can compare the gradient with finite
   * differences of the objective.
   */
  record Evaluation(
      double[] theta,
      double objective,
      double[] gradient,
      double[][] policy,
      double[][] visitation) {}

  /** The demonstrations' statistics: mu_D [F], the empirical start distribution p_D [S], and T. */
  record DemoStatistics(double[] featureCounts, double[] start, int horizon) {
    static DemoStatistics of(int numStates, double[][] features, List<Trajectory> demos) {
      if (features.length != numStates) {
        throw new IllegalArgumentException(
            "features: expected " + numStates + " rows, found " + features.length);
      }
      if (demos.isEmpty()) {
        throw new IllegalArgumentException("demos: need at least one trajectory");
      }
      int numFeatures = features[0].length;
      int horizon = demos.get(0).length();
      double[] empirical = new double[numFeatures];
      double[] start = new double[numStates];
      for (Trajectory d : demos) {
        if (d.length() != horizon) {
          throw new IllegalArgumentException(
              "demos: all trajectories must have length " + horizon + ", found " + d.length());
        }
        start[d.states()[0]] += 1.0 / demos.size();
        for (int s : d.states()) {
          for (int f = 0; f < numFeatures; f++) {
            empirical[f] += features[s][f] / demos.size();
          }
        }
      }
      return new DemoStatistics(empirical, start, horizon);
    }
  }

  /**
   * @param mdp dynamics (its rewards are ignored)
   * @param features phi(s) as [S][F]
   * @param demos trajectories, all of the same length T
   */
  public static IrlResult fit(
      Mdp mdp, double[][] features, List<Trajectory> demos, IrlConfig config) {
    return fit(mdp, features, demos, config, iteration -> {});
  }

  /**
   * As {@link #fit(Mdp, double[][], List, IrlConfig)}, calling {@code onIteration} after each
   * ascent step.
   */
  public static IrlResult fit(
      Mdp mdp,
      double[][] features,
      List<Trajectory> demos,
      IrlConfig config,
      IntConsumer onIteration) {
    DemoStatistics stats = DemoStatistics.of(mdp.numStates(), features, demos);
    int numFeatures = features[0].length;
    double[] empirical = stats.featureCounts();
    double[] start = stats.start();
    InferenceConfig inference =
        new InferenceConfig(stats.horizon(), config.temperature(), Backup.MAXENT, 1.0);
    double[] objective = new double[config.iterations()];
    double[] logLikelihood = new double[config.iterations()];
    double[] gradientNorm = new double[config.iterations()];
    Evaluation current =
        evaluate(mdp, features, new double[numFeatures], empirical, start, inference);
    double lr = config.learningRate();
    for (int it = 0; it < config.iterations(); it++) {
      objective[it] = current.objective();
      logLikelihood[it] = averageLogLikelihood(current.policy(), demos, mdp.numActions());
      gradientNorm[it] = norm(current.gradient());
      // Backtracking: halve the step until the (concave) objective does not decrease; grow it after
      // a success.
      for (int attempt = 0; attempt < 40; attempt++) {
        double[] theta = current.theta().clone();
        for (int f = 0; f < numFeatures; f++) {
          theta[f] += lr * current.gradient()[f];
        }
        Evaluation next = evaluate(mdp, features, theta, empirical, start, inference);
        if (next.objective() >= current.objective()) {
          current = next;
          lr *= 1.25;
          break;
        }
        lr *= 0.5;
      }
      onIteration.accept(it + 1);
    }
    return new IrlResult(
        current.theta(),
        stateRewards(features, current.theta()),
        objective,
        logLikelihood,
        gradientNorm,
        current.policy(),
        current.visitation());
  }

  /**
   * L(theta) and the ascent's gradient for the demonstrations {@code demos} at temperature alpha.
   */
  static Evaluation evaluate(
      Mdp mdp, double[][] features, List<Trajectory> demos, double[] theta, double alpha) {
    DemoStatistics stats = DemoStatistics.of(mdp.numStates(), features, demos);
    return evaluate(
        mdp,
        features,
        theta,
        stats.featureCounts(),
        stats.start(),
        new InferenceConfig(stats.horizon(), alpha, Backup.MAXENT, 1.0));
  }

  private static Evaluation evaluate(
      Mdp mdp,
      double[][] features,
      double[] theta,
      double[] empirical,
      double[] start,
      InferenceConfig inference) {
    int numFeatures = theta.length;
    int horizon = inference.horizon();
    double alpha = inference.temperature();
    Mdp model = mdp.withRewards(rewardMatrix(features, theta, mdp.numActions()));
    BackwardMessages backward = BackwardMessages.compute(model, inference);
    double[][] visitation = PolicyVisitation.compute(model, backward.policy(), start);
    double[] expected = new double[numFeatures];
    for (int t = 0; t < horizon; t++) {
      for (int s = 0; s < features.length; s++) {
        if (visitation[t][s] != 0.0) {
          for (int f = 0; f < numFeatures; f++) {
            expected[f] += visitation[t][s] * features[s][f];
          }
        }
      }
    }
    double value = 0.0;
    for (int f = 0; f < numFeatures; f++) {
      value += theta[f] * empirical[f];
    }
    for (int s = 0; s < start.length; s++) {
      if (start[s] > 0) {
        value -= start[s] * backward.v()[0][s];
      }
    }
    double[] gradient = new double[numFeatures];
    for (int f = 0; f < numFeatures; f++) {
      gradient[f] = (empirical[f] - expected[f]) / (alpha * horizon);
    }
    return new Evaluation(
        theta, value / (alpha * horizon), gradient, backward.policy(), visitation);
  }

  private static double norm(double[] x) {
    double sum = 0.0;
    for (double v : x) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  /** r(s) = theta . phi(s). */
  public static double[] stateRewards(double[][] features, double[] theta) {
    double[] r = new double[features.length];
    for (int s = 0; s < features.length; s++) {
      for (int f = 0; f < theta.length; f++) {
        r[s] += theta[f] * features[s][f];
      }
    }
    return r;
  }

  /** r(s,a) = theta . phi(s) for every action, as [S][A]. */
  public static double[][] rewardMatrix(double[][] features, double[] theta, int numActions) {
    double[] r = stateRewards(features, theta);
    double[][] m = new double[r.length][numActions];
    for (int s = 0; s < r.length; s++) {
      java.util.Arrays.fill(m[s], r[s]);
    }
    return m;
  }

  /** (1/(N T)) sum_i sum_t log pi_t(a_t|s_t). */
  public static double averageLogLikelihood(
      double[][] policy, List<Trajectory> demos, int numActions) {
    double total = 0.0;
    int steps = 0;
    for (Trajectory d : demos) {
      for (int t = 0; t < d.length(); t++) {
        total += Math.log(policy[t][d.states()[t] * numActions + d.actions()[t]]);
        steps++;
      }
    }
    return total / steps;
  }
}
