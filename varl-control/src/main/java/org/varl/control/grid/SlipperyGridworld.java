package org.varl.control.grid;

import org.varl.control.Mdp;
import org.varl.control.MdpBuilder;

/**
 * The N x N slippery gridworld of the benchmark peer ../shared/peers/softvi_gridworld_peer.py,
 * built as a general sparse {@link Mdp}.
 *
 * <ul>
 *   <li>State s = y * N + x; actions 0 stay, 1 up, 2 down, 3 left, 4 right; moves off the grid
 *       stay.
 *   <li>Slip p (0.1 in the peer): the intended target gets 1 - p, and each of the 5 actions'
 *       targets gets p/5 more (duplicates add up).
 *   <li>r(s,a) = -1, except lava cells where (7x + 13y) % 17 == 0: -10, and the goal (N-1, N-1): 0
 *       (the goal is not absorbing and wins over lava).
 *   <li>Start (0, 0) with probability 1.
 * </ul>
 */
public final class SlipperyGridworld {
  /** The peer's slip probability. */
  public static final double PEER_SLIP = 0.1;

  private SlipperyGridworld() {}

  public static boolean isLava(int x, int y) {
    return (7 * x + 13 * y) % 17 == 0;
  }

  public static Gridworld build(int size) {
    return build(size, PEER_SLIP);
  }

  public static Gridworld build(int size, double slip) {
    if (size < 1 || size > 8000) { // 6 entries per (s,a) must fit the builder's int-indexed arrays
      throw new IllegalArgumentException("size: must be in [1, 8000], found " + size);
    }
    if (!(slip >= 0.0 && slip <= 1.0)) {
      throw new IllegalArgumentException("slip: must be in [0, 1], found " + slip);
    }
    int numStates = size * size;
    int numActions = Moves.COUNT;
    MdpBuilder builder =
        Mdp.builder()
            .setStates(numStates)
            .setActions(numActions)
            .optCapacity(numStates * numActions * (numActions + 1));
    double[][] rewards = new double[numStates][];
    CellType[] types = new CellType[numStates];
    int[] cells = new int[numStates];
    int[] target = new int[numActions];
    int goal = numStates - 1;
    for (int s = 0; s < numStates; s++) {
      int x = s % size;
      int y = s / size;
      for (int b = 0; b < numActions; b++) {
        int tx = Math.min(Math.max(x + Moves.DX[b], 0), size - 1);
        int ty = Math.min(Math.max(y + Moves.DY[b], 0), size - 1);
        target[b] = ty * size + tx;
      }
      for (int a = 0; a < numActions; a++) {
        // Same order as the peer: intended target first, then the slip mass on each action's
        // target.
        builder.addTransition(s, a, target[a], 1.0 - slip);
        for (int b = 0; b < numActions; b++) {
          builder.addTransition(s, a, target[b], slip / numActions);
        }
      }
      boolean lava = isLava(x, y) && s != goal;
      double r = s == goal ? 0.0 : lava ? -10.0 : -1.0;
      rewards[s] = new double[] {r, r, r, r, r};
      types[s] =
          s == goal
              ? CellType.GOAL
              : lava ? CellType.LAVA : s == 0 ? CellType.START : CellType.FLOOR;
      cells[s] = s;
    }
    double[] initial = new double[numStates];
    initial[0] = 1.0;
    Mdp mdp = builder.setRewards(rewards).setInitial(initial).build();
    return new Gridworld(mdp, size, size, cells, cells, types);
  }
}
