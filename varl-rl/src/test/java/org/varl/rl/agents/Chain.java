package org.varl.rl.agents;

import org.varl.rl.env.Box;
import org.varl.rl.env.Discrete;
import org.varl.rl.env.Env;
import org.varl.rl.env.Space;
import org.varl.rl.env.Step;

/**
 * A deterministic chain of {@code n} states for learning tests: start in 0, action 1 moves right,
 * action 0 moves left (staying at 0); entering state n − 1 pays 1 and terminates, every other step
 * pays 0; episodes are cut after {@code limit} steps. Observations are one-hot.
 *
 * <p>With discount γ the optimal values are V*(s) = γ^(n−2−s) and Q*(s, 1) = V*(s), Q*(s, 0) = γ
 * V*(max(s − 1, 0)); the soft values are computed by {@link #softQ}.
 */
final class Chain implements Env {

  private final int n;
  private final int limit;
  private int state = -1;
  private int steps;

  Chain(int n, int limit) {
    this.n = n;
    this.limit = limit;
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(n, 0, 1);
  }

  @Override
  public Space actionSpace() {
    return new Discrete(2);
  }

  @Override
  public double[] reset(long seed) {
    return reset();
  }

  @Override
  public double[] reset() {
    state = 0;
    steps = 0;
    return observation(state);
  }

  double[] observation(int s) {
    double[] x = new double[n];
    x[s] = 1;
    return x;
  }

  @Override
  public Step step(double[] action) {
    if (state < 0) {
      throw new IllegalStateException("reset first");
    }
    int a = new Discrete(2).index(action);
    state = a == 1 ? state + 1 : Math.max(state - 1, 0);
    steps++;
    boolean terminated = state == n - 1;
    return new Step(
        observation(state), terminated ? 1 : 0, terminated, !terminated && steps >= limit);
  }

  @Override
  public double[] state() {
    return new double[] {state};
  }

  @Override
  public double[] setState(double[] s) {
    state = (int) s[0];
    return observation(state);
  }

  @Override
  public String id() {
    return "Chain-v0";
  }

  /**
   * The soft optimal Q of the chain by value iteration, Q(s, a) = r + γ (1 − terminated) α log Σ
   * exp(Q(s′, ·)/α) (α = 0: the max), for the non-terminal states 0..n−2, {@code [n − 1][2]}.
   */
  double[][] softQ(double gamma, double alpha) {
    double[][] q = new double[n - 1][2];
    for (int iteration = 0; iteration < 10_000; iteration++) {
      double[][] next = new double[n - 1][2];
      for (int s = 0; s < n - 1; s++) {
        for (int a = 0; a < 2; a++) {
          int s2 = a == 1 ? s + 1 : Math.max(s - 1, 0);
          next[s][a] = s2 == n - 1 ? 1 : gamma * softMax(q[s2], alpha);
        }
      }
      q = next;
    }
    return q;
  }

  static double softMax(double[] q, double alpha) {
    double m = Math.max(q[0], q[1]);
    if (alpha == 0) {
      return m;
    }
    return m + alpha * Math.log(Math.exp((q[0] - m) / alpha) + Math.exp((q[1] - m) / alpha));
  }
}
