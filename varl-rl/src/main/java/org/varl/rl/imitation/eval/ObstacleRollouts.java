package org.varl.rl.imitation.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.rl.env.Obstacle;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;
import org.varl.rl.imitation.ObstacleExpert;

/**
 * Plays a policy on the obstacle task for seeded episodes and records them.
 *
 * <pre>
 *   for e = 0, …, N − 1:
 *     s_0 = reset(Seeds.mix(seed, EVAL_ENVIRONMENT, e));  policy.beginEpisode(e, s_0)
 *     a_t = clip(policy.act(s_t)),  s_{t+1} = s_t + a_t   until collision, success or the step limit
 * </pre>
 *
 * <p>Every episode's start depends only on (seed, e), on a stream apart from the demonstrations'
 * ({@code Streams.ENVIRONMENT}), so an evaluation never replays a demonstration's start and any
 * prefix of the episodes is reproducible alone. The actions recorded are the clipped ones the task
 * applied.
 */
public final class ObstacleRollouts {

  private ObstacleRollouts() {}

  /**
   * {@code episodes} rollouts of {@code policy} on the task with {@code obstacles} discs.
   *
   * @throws IllegalArgumentException if {@code obstacles} is not 1 or 2, {@code episodes < 1}, or
   *     the policy returns an action that is not a finite pair (the message names the episode and
   *     the step)
   */
  public static List<ObstacleRollout> play(
      int obstacles, ObstaclePolicy policy, int episodes, long seed) {
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
    TimeLimit env = Obstacle.make(obstacles);
    Obstacle task = (Obstacle) env.unwrapped();
    List<ObstacleRollout> rollouts = new ArrayList<>(episodes);
    for (int e = 0; e < episodes; e++) {
      double[] s = env.reset(Seeds.mix(seed, Streams.EVAL_ENVIRONMENT, e));
      policy.beginEpisode(e, s.clone());
      List<double[]> positions = new ArrayList<>();
      List<double[]> actions = new ArrayList<>();
      positions.add(s);
      Step step;
      do {
        double[] a;
        try {
          a = Obstacle.clip(policy.act(s.clone()));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(
              "policy action at episode " + e + ", step " + actions.size() + ": " + ex.getMessage(),
              ex);
        }
        step = env.step(a);
        actions.add(a);
        s = step.observation();
        positions.add(s);
      } while (!step.done());
      RolloutOutcome outcome =
          switch (task.outcome()) {
            case SUCCESS -> RolloutOutcome.SUCCESS;
            case COLLISION -> RolloutOutcome.COLLISION;
            case RUNNING -> RolloutOutcome.TIMEOUT;
          };
      rollouts.add(new ObstacleRollout(positions, actions, outcome));
    }
    return rollouts;
  }

  /**
   * The scripted expert as a policy: sides drawn at each episode start, noise σ_a, both from the
   * {@code Streams.EVAL_NOISE} stream of {@code seed} (apart from the demonstrations' stream).
   */
  public static ObstaclePolicy expert(int obstacles, double noiseStd, long seed) {
    ObstacleExpert expert = new ObstacleExpert(new Obstacle(obstacles), noiseStd);
    SplittableRandom random = NoiseStream.generator(seed, Streams.EVAL_NOISE);
    return new ObstaclePolicy() {
      @Override
      public double[] act(double[] state) {
        return expert.act(state, random);
      }

      @Override
      public void beginEpisode(int episode, double[] start) {
        expert.reset(random);
      }
    };
  }
}
