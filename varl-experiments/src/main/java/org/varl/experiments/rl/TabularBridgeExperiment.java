package org.varl.experiments.rl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.varl.control.Backup;
import org.varl.control.InfiniteHorizonConfig;
import org.varl.control.Mdp;
import org.varl.control.MdpJson;
import org.varl.control.SoftValueIteration;
import org.varl.control.StationarySolution;
import org.varl.control.grid.NamedGrids;
import org.varl.experiments.Listener;
import org.varl.rl.tabular.TabularSoftQ;

/**
 * The tabular bridge between sampled maximum-entropy RL and the exact messages (lecture, "control
 * as inference": the variational backup, "we'll come back to this"): {@link TabularSoftQ} learns Q
 * from sampled transitions, and at log-spaced sample counts its sup distance is measured to both
 * fixed points of {@link SoftValueIteration}, the maxent backup's Q* (its limit: the distance goes
 * to 0) and the exact backup's (on stochastic dynamics the distance stays near max |Q*_exact -
 * Q*_maxent| &gt; 0: a sampled successor estimates E V(s'), not alpha log E exp(V(s')/alpha), so
 * the learner does not inherit the exact backup's optimism).
 */
public final class TabularBridgeExperiment {
  /** Checkpoints per decade of samples. */
  static final int POINTS_PER_DECADE = 10;

  /** The checkpoints' base (a named double: plain Java arithmetic, no NDArray involved). */
  private static final double DECADE = 10.0;

  /** At most this many samples between two listener updates. */
  private static final long CHUNK = 1L << 20;

  private TabularBridgeExperiment() {}

  /** The config's MDP: its JSON file, or its named grid with the slip. */
  public static Mdp mdp(TabularBridgeConfig c) {
    return c.mdp() != null ? MdpJson.read(c.mdp(), false) : NamedGrids.of(c.grid(), c.slip()).mdp();
  }

  /**
   * Solves both backups, then learns from {@code samples} transitions. The listener gets two
   * stages: the solves (2 units) and the learning (one unit per sample).
   */
  public static TabularBridgeResult run(TabularBridgeConfig c, Listener listener) {
    Mdp mdp = mdp(c);
    int numActions = mdp.numActions();
    TabularSoftQ learner = new TabularSoftQ(mdp, c.learner(), c.seed());
    listener.stage("soft value iteration, maxent and exact backups", 2);
    double[] maxent = solve(mdp, c, Backup.MAXENT);
    listener.advance(1);
    double[] exact = solve(mdp, c, Backup.EXACT);
    listener.advance(1);
    listener.stage("soft Q-learning from " + c.samples() + " sampled transitions", c.samples());
    List<TabularBridgeResult.Row> rows = new ArrayList<>();
    for (long checkpoint : checkpoints(learner.allowedPairs(), c.samples())) {
      while (learner.samples() < checkpoint) {
        long n = Math.min(CHUNK, checkpoint - learner.samples());
        learner.learn(n);
        listener.advance(n);
      }
      rows.add(
          new TabularBridgeResult.Row(
              checkpoint, learner.maxDistance(maxent), learner.maxDistance(exact)));
    }
    return new TabularBridgeResult(
        c,
        mdp.numStates(),
        numActions,
        learner.allowedPairs(),
        learner.qTable(),
        table(maxent, numActions),
        table(exact, numActions),
        rows,
        rewardRange(mdp),
        TabularSoftQ.maxDistance(maxent, exact));
  }

  private static double[] solve(Mdp mdp, TabularBridgeConfig c, Backup backup) {
    StationarySolution s =
        SoftValueIteration.solve(
            mdp, InfiniteHorizonConfig.of(c.temperature(), backup, c.discount()));
    if (!s.converged()) {
      throw new IllegalArgumentException(
          "--discount: soft value iteration ("
              + backup.cliName()
              + ") did not converge in "
              + s.iterations()
              + " sweeps at discount "
              + c.discount()
              + " (residual "
              + s.residual()
              + "); use a smaller discount");
    }
    return s.q();
  }

  /**
   * The sample counts at which the distances are measured: round(10^(k/10)) from one sweep ({@code
   * pairs} samples, every pair updated once) on, and {@code samples} itself; increasing, without
   * repeats.
   */
  static long[] checkpoints(int pairs, long samples) {
    TreeSet<Long> set = new TreeSet<>();
    long first = Math.min(pairs, samples);
    for (int k = 0; ; k++) {
      long n = Math.round(Math.pow(DECADE, (double) k / POINTS_PER_DECADE));
      if (n >= samples) {
        break;
      }
      if (n > first * 1.05) { // not 126 right after 125: a point per visible step of the plot
        set.add(n);
      }
    }
    set.add(first);
    set.add(samples);
    return set.stream().mapToLong(Long::longValue).toArray();
  }

  /** max r - min r over the allowed pairs (p(a|s) > 0). */
  static double rewardRange(Mdp mdp) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < mdp.numStates(); s++) {
      for (int a = 0; a < mdp.numActions(); a++) {
        if (mdp.actionPrior(s, a) > 0.0) {
          min = Math.min(min, mdp.reward(s, a));
          max = Math.max(max, mdp.reward(s, a));
        }
      }
    }
    return max - min;
  }

  private static double[][] table(double[] flat, int numActions) {
    double[][] t = new double[flat.length / numActions][];
    for (int s = 0; s < t.length; s++) {
      t[s] = Arrays.copyOfRange(flat, s * numActions, (s + 1) * numActions);
    }
    return t;
  }
}
