package org.varl.control.grid;

import org.varl.control.Mdp;

/**
 * A gridworld: its {@link Mdp} (actions as in {@link Moves}) plus the geometry. Cells are (x, y), x
 * = column from the left, y = row from the top; every non-wall cell is a state, numbered row by row
 * (for a grid without walls state = y * width + x, as in the peer).
 */
public final class Gridworld {
  private final Mdp mdp;
  private final int width;
  private final int height;
  private final int[] cellToState;
  private final int[] stateToCell;
  private final CellType[] stateType;

  Gridworld(
      Mdp mdp, int width, int height, int[] cellToState, int[] stateToCell, CellType[] stateType) {
    this.mdp = mdp;
    this.width = width;
    this.height = height;
    this.cellToState = cellToState;
    this.stateToCell = stateToCell;
    this.stateType = stateType;
  }

  public Mdp mdp() {
    return mdp;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int numStates() {
    return stateToCell.length;
  }

  /** The state of cell (x, y), or -1 for a wall. */
  public int state(int x, int y) {
    return cellToState[y * width + x];
  }

  public int x(int state) {
    return stateToCell[state] % width;
  }

  public int y(int state) {
    return stateToCell[state] / width;
  }

  public CellType type(int state) {
    return stateType[state];
  }

  /** The same gridworld with another MDP over the same states (e.g. other rewards). */
  public Gridworld withMdp(Mdp other) {
    if (other.numStates() != numStates() || other.numActions() != Moves.COUNT) {
      throw new IllegalArgumentException(
          "mdp: expected "
              + numStates()
              + " states and 5 actions, found "
              + other.numStates()
              + " and "
              + other.numActions());
    }
    return new Gridworld(other, width, height, cellToState, stateToCell, stateType);
  }

  /** Values per state laid out as the grid, [height][width], NaN for walls (a heatmap's input). */
  public double[][] toGrid(double[] perState) {
    double[][] grid = new double[height][width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int s = cellToState[y * width + x];
        grid[y][x] = s < 0 ? Double.NaN : perState[s];
      }
    }
    return grid;
  }
}
