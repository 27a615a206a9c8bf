package org.varl.rl.env;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays a given action sequence in an environment from where it stands (after {@code reset} or
 * {@code setState}), stopping at the first step that terminates or truncates the episode or when
 * the actions run out: the open-loop rollout that lets a user compare with Gymnasium step for step.
 */
public final class Rollout {

  private Rollout() {}

  /**
   * What was played: the observation the episode started from, then for each step t = 1, 2, … the
   * action given and what {@link Env#step} returned.
   *
   * @param initialObservation the observation before the first step
   * @param actions the actions played, as given (before any clipping), one per step
   * @param steps what each step returned
   * @param unusedActions actions left over after the episode ended
   */
  public record Trajectory(
      double[] initialObservation, List<double[]> actions, List<Step> steps, int unusedActions) {

    /** Copies the lists. */
    public Trajectory {
      if (actions.size() != steps.size()) {
        throw new IllegalArgumentException(
            "actions and steps must have the same length, found "
                + actions.size()
                + " and "
                + steps.size());
      }
      actions = List.copyOf(actions);
      steps = List.copyOf(steps);
    }

    /** The undiscounted return Σ_t r_t. */
    public double totalReward() {
      double sum = 0;
      for (Step s : steps) {
        sum += s.reward();
      }
      return sum;
    }

    /** Whether the last step terminated the episode. */
    public boolean terminated() {
      return !steps.isEmpty() && steps.get(steps.size() - 1).terminated();
    }

    /** Whether the last step truncated the episode. */
    public boolean truncated() {
      return !steps.isEmpty() && steps.get(steps.size() - 1).truncated();
    }
  }

  /**
   * Steps {@code env} with {@code actions} in order until an episode ends or the actions run out.
   *
   * @param initialObservation what {@code reset} or {@code setState} returned, for the record
   * @throws IllegalArgumentException from {@link Env#step} for an action that does not fit the
   *     action space (the steps before it have been taken)
   */
  public static Trajectory play(Env env, double[] initialObservation, List<double[]> actions) {
    List<double[]> played = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    for (double[] action : actions) {
      Step step = env.step(action);
      played.add(action.clone());
      steps.add(step);
      if (step.done()) {
        break;
      }
    }
    return new Trajectory(
        initialObservation.clone(), played, steps, actions.size() - played.size());
  }
}
