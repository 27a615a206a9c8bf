package org.varl.rl.imitation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.rl.env.Obstacle;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;

/**
 * The expert's demonstrations on the obstacle task: {@code episodes} episodes of {@link
 * ObstacleExpert} with the default noise, each run until success.
 *
 * <p>Seeds: the task's starts come from {@code reset(seed)} and then {@code reset()} (the {@code
 * Streams.ENVIRONMENT} stream of the seed); the expert's sides and noise from the {@code
 * Streams.DATA} stream of the same seed. The same arguments give the same rows.
 */
public final class Demonstrations {

  private Demonstrations() {}

  /**
   * The rows of {@code episodes} successful expert episodes, in episode and step order.
   *
   * @throws IllegalArgumentException if {@code obstacles} is not 1 or 2 or {@code episodes < 1}
   * @throws IllegalStateException if an expert episode does not succeed (it never should)
   */
  public static List<DemoRow> generate(int obstacles, int episodes, long seed) {
    return generate(obstacles, episodes, seed, e -> {});
  }

  /**
   * {@link #generate(int, int, long)}, calling {@code afterEpisode} with each finished episode's
   * index (for a progress bar).
   */
  public static List<DemoRow> generate(
      int obstacles, int episodes, long seed, IntConsumer afterEpisode) {
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
    TimeLimit env = Obstacle.make(obstacles);
    Obstacle task = (Obstacle) env.unwrapped();
    ObstacleExpert expert = new ObstacleExpert(task, ObstacleExpert.NOISE_STD);
    SplittableRandom random = NoiseStream.generator(seed, Streams.DATA);
    List<DemoRow> rows = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      double[] s = e == 0 ? env.reset(seed) : env.reset();
      int mode = expert.reset(random);
      Step step;
      int t = 0;
      do {
        double[] a = Obstacle.clip(expert.act(s, random));
        step = env.step(a);
        rows.add(new DemoRow(e, t, s[0], s[1], a[0], a[1], mode));
        s = step.observation();
        t++;
      } while (!step.done());
      if (task.outcome() != Obstacle.Outcome.SUCCESS) {
        throw new IllegalStateException(
            "expert episode "
                + e
                + " of seed "
                + seed
                + " ended with "
                + (step.terminated() ? task.outcome() : "a timeout")
                + " after "
                + t
                + " steps");
      }
      afterEpisode.accept(e);
    }
    return rows;
  }
}
