package org.varl.control.grid;

/**
 * Cell-type indicator features for inverse RL: phi(s) = [floor-or-start, lava, goal]. With weights
 * (-1, -10, 0) they give exactly the gridworld rewards of {@link SlipperyGridworld} and {@link
 * GridMap}. Every state has exactly one indicator set, so rewards are identified only up to a
 * common shift, which does not change any soft-optimal policy of a fixed horizon.
 */
public final class CellFeatures {
  public static final String[] NAMES = {"floor", "lava", "goal"};

  /** The gridworlds' true weights for {@link #NAMES}. */
  public static final double[] TRUE_WEIGHTS = {-1.0, -10.0, 0.0};

  private CellFeatures() {}

  /** phi(s) as [S][3]. */
  public static double[][] of(Gridworld grid) {
    double[][] phi = new double[grid.numStates()][3];
    for (int s = 0; s < grid.numStates(); s++) {
      CellType type = grid.type(s);
      phi[s][type == CellType.LAVA ? 1 : type == CellType.GOAL ? 2 : 0] = 1.0;
    }
    return phi;
  }
}
