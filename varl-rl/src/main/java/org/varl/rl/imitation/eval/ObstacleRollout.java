package org.varl.rl.imitation.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded obstacle episode: the positions s_0, …, s_T, the actions a_0, …, a_{T−1} as the task
 * applied them (after its clipping, so that s_{t+1} = s_t + a_t up to the last bit), and how the
 * episode ended.
 *
 * @param positions the T + 1 positions (x, y), the start first
 * @param actions the T actions (dx, dy)
 * @param outcome success, collision or timeout
 */
public record ObstacleRollout(
    List<double[]> positions, List<double[]> actions, RolloutOutcome outcome) {

  /**
   * Checks the lengths and copies the arrays.
   *
   * @throws IllegalArgumentException if there is not exactly one more position than actions, an
   *     entry is not a pair, or a value is not finite
   */
  public ObstacleRollout {
    if (outcome == null) {
      throw new IllegalArgumentException("outcome must be given, found null");
    }
    if (positions.size() != actions.size() + 1) {
      throw new IllegalArgumentException(
          "positions must have one more entry than actions, found "
              + positions.size()
              + " positions and "
              + actions.size()
              + " actions");
    }
    positions = copy(positions, "positions");
    actions = copy(actions, "actions");
  }

  private static List<double[]> copy(List<double[]> rows, String name) {
    List<double[]> out = new ArrayList<>(rows.size());
    for (int t = 0; t < rows.size(); t++) {
      double[] r = rows.get(t);
      if (r == null || r.length != 2) {
        throw new IllegalArgumentException(
            name
                + " must be pairs, found "
                + (r == null ? "null" : r.length + " values")
                + " at "
                + t);
      }
      for (int i = 0; i < 2; i++) {
        if (!Double.isFinite(r[i])) {
          throw new IllegalArgumentException(
              name + " must be finite, found " + r[i] + " at index [" + t + ", " + i + "]");
        }
      }
      out.add(r.clone());
    }
    return List.copyOf(out);
  }

  /** The number of steps T. */
  public int length() {
    return actions.size();
  }
}
