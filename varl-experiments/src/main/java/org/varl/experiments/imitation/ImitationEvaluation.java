package org.varl.experiments.imitation;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.varl.experiments.Listener;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstaclePolicy;
import org.varl.rl.imitation.eval.ObstacleRollout;
import org.varl.rl.imitation.eval.ObstacleRollouts;

/**
 * Plays a model's policy for a number of evaluation episodes (starts from {@code
 * Streams.EVAL_ENVIRONMENT} of the seed, never a demonstration's) and scores the rollouts with the
 * D3IL metrics ({@link ImitationMetrics}).
 */
public final class ImitationEvaluation {

  private ImitationEvaluation() {}

  /** The rollouts and their metrics. */
  public record Result(List<ObstacleRollout> rollouts, ImitationMetrics metrics) {}

  /**
   * {@code episodes} rollouts of {@code model} with the test-time choice {@code z} (CVAE kinds
   * only); one listener stage, one unit per episode.
   */
  public static Result evaluate(
      NDManager manager,
      ImitationModel model,
      LatentChoice z,
      int episodes,
      long seed,
      Listener listener) {
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
    ObstaclePolicy inner = model.policy(manager, z, seed);
    listener.stage(
        "evaluate " + model.kind().id() + (model.kind().hasLatent() ? " z " + z.id() : ""),
        episodes);
    ObstaclePolicy counted =
        new ObstaclePolicy() {
          private boolean started;

          @Override
          public double[] act(double[] state) {
            return inner.act(state);
          }

          @Override
          public void beginEpisode(int episode, double[] start) {
            if (started) {
              listener.advance(1);
            }
            started = true;
            inner.beginEpisode(episode, start);
          }
        };
    List<ObstacleRollout> rollouts =
        ObstacleRollouts.play(model.obstacles(), counted, episodes, seed);
    listener.advance(1);
    return new Result(rollouts, ImitationMetrics.of(model.obstacles(), rollouts));
  }
}
