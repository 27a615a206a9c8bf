package org.varl.control;

import java.util.SplittableRandom;

/**
 * Random small MDPs for the property tests; every one is a function of its seed. Public and
 * packaged in varl-control's test-jar ({@code <type>test-jar</type><scope>test</scope>}) for the
 * tests of the modules above varl-control; it cannot live in varl-testing, which depends on no varl
 * module.
 */
public final class RandomMdps {
  private RandomMdps() {}

  /**
   * S states, A actions; each row P(.|s,a) has 1 (deterministic) or 1..3 successors with random
   * weights; rewards uniform in [-rewardScale, rewardScale]; initial on a single state or random;
   * no prior.
   */
  public static Mdp random(
      long seed,
      int numStates,
      int numActions,
      boolean deterministic,
      boolean singleStart,
      double rewardScale) {
    SplittableRandom rng = new SplittableRandom(seed);
    MdpBuilder b = Mdp.builder().setStates(numStates).setActions(numActions);
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        int n = deterministic ? 1 : 1 + rng.nextInt(3);
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
          w[i] = 0.05 + rng.nextDouble();
          total += w[i];
        }
        for (int i = 0; i < n; i++) {
          b.addTransition(s, a, rng.nextInt(numStates), w[i] / total);
        }
      }
    }
    double[][] r = new double[numStates][numActions];
    for (double[] row : r) {
      for (int a = 0; a < numActions; a++) {
        row[a] = rewardScale * (2 * rng.nextDouble() - 1);
      }
    }
    double[] p0 = new double[numStates];
    if (singleStart) {
      p0[rng.nextInt(numStates)] = 1.0;
    } else {
      double total = 0;
      for (int s = 0; s < numStates; s++) {
        p0[s] = rng.nextDouble();
        total += p0[s];
      }
      for (int s = 0; s < numStates; s++) {
        p0[s] /= total;
      }
    }
    return b.setRewards(r).setInitial(p0).optNormalize(true).build();
  }

  /**
   * A random prior p(a|s); with {@code zeros}, about a third of the actions get probability 0
   * (never all).
   */
  public static double[][] prior(long seed, int numStates, int numActions, boolean zeros) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] p = new double[numStates][numActions];
    for (int s = 0; s < numStates; s++) {
      double total = 0;
      int keep = rng.nextInt(numActions);
      for (int a = 0; a < numActions; a++) {
        p[s][a] = zeros && a != keep && rng.nextInt(3) == 0 ? 0.0 : 0.05 + rng.nextDouble();
        total += p[s][a];
      }
      for (int a = 0; a < numActions; a++) {
        p[s][a] /= total;
      }
    }
    return p;
  }
}
