package org.varl.rl.train;

import java.util.SplittableRandom;
import org.varl.rl.env.Box;
import org.varl.rl.env.Env;
import org.varl.rl.env.Space;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;

/**
 * A tiny continuous task for learning tests: the observation is a target x ~ U(−1, 1), drawn anew
 * every step; the action a ∈ [−1, 1] earns −(a − x)². Ten steps per episode (a time limit, never
 * terminal). A uniform random policy earns −10 · E(a − x)² = −20/3 ≈ −6.7 per episode, the optimal
 * one 0.
 */
final class MatchTarget implements Env {

  private SplittableRandom random = new SplittableRandom(0);
  private double x;

  /** In its ten-step time limit. */
  static Env limited() {
    return new TimeLimit(new MatchTarget(), 10);
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(1, -1, 1);
  }

  @Override
  public Space actionSpace() {
    return Box.uniform(1, -1, 1);
  }

  @Override
  public double[] reset(long seed) {
    random = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public double[] reset() {
    x = 2 * random.nextDouble() - 1;
    return new double[] {x};
  }

  @Override
  public Step step(double[] action) {
    double a = Math.max(-1, Math.min(1, action[0]));
    double reward = -(a - x) * (a - x);
    x = 2 * random.nextDouble() - 1;
    return new Step(new double[] {x}, reward, false, false);
  }

  @Override
  public double[] state() {
    return new double[] {x};
  }

  @Override
  public double[] setState(double[] state) {
    x = state[0];
    return new double[] {x};
  }

  @Override
  public String id() {
    return "MatchTarget-v0";
  }
}
