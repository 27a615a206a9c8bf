package org.varl.rl.agents;

import java.util.SplittableRandom;
import org.varl.rl.env.Discrete;
import org.varl.rl.env.Space;

/**
 * Choosing one discrete action in Java from a row of scores: the argmax, and a draw from softmax(l)
 * by the Gumbel-max trick, argmax_a (l_a + g_a) with g_a = −log(−log u_a), u_a ~ U(0, 1) from a
 * counter-based generator (the engine has no seeded multinomial sampler).
 */
final class DiscreteChoice {

  private DiscreteChoice() {}

  /** The first index of the largest score. */
  static int argmax(float[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  /** A draw from softmax(logits[i] / temperature) by Gumbel-max; temperature > 0. */
  static int gumbelMax(float[] logits, double temperature, SplittableRandom random) {
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      // u ≥ the smallest normal double keeps both logs finite.
      double u = Math.max(random.nextDouble(), Double.MIN_NORMAL);
      double value = logits[i] / temperature - Math.log(-Math.log(u));
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    return best;
  }

  /** The number of actions of a discrete space, or an error naming the agent and the space. */
  static int actions(Space space, String kind) {
    if (space instanceof Discrete d) {
      return d.n();
    }
    throw new IllegalArgumentException(kind + " needs a Discrete action space, found " + space);
  }
}
