package org.varl.cli.control;

import org.varl.cli.common.Heatmaps;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.Moves;

/**
 * Turns per-state gridworld quantities into {@link Heatmaps} panels: values laid out as the grid,
 * policy arrows.
 */
final class GridPanels {
  private GridPanels() {}

  /** A heatmap of {@code perState} (walls masked). */
  static Heatmaps.Panel values(Gridworld grid, String title, double[] perState) {
    return new Heatmaps.Panel(title, grid.toGrid(perState), null, null);
  }

  /**
   * A heatmap of {@code perState} with, in each cell, the policy's mean move sum_a pi(a|s) (dx_a,
   * dy_a) as an arrow ({@code policy[s*5+a]}); a dot where the moves cancel (staying, or
   * undecided).
   */
  static Heatmaps.Panel valuesWithPolicy(
      Gridworld grid, String title, double[] perState, double[] policy) {
    double[][][] arrows = new double[grid.height()][grid.width()][];
    for (int s = 0; s < grid.numStates(); s++) {
      double dx = 0;
      double dy = 0;
      for (int a = 0; a < Moves.COUNT; a++) {
        dx += policy[s * Moves.COUNT + a] * Moves.dx(a);
        dy += policy[s * Moves.COUNT + a] * Moves.dy(a);
      }
      arrows[grid.y(s)][grid.x(s)] = new double[] {dx, dy};
    }
    return new Heatmaps.Panel(title, grid.toGrid(perState), arrows, null);
  }

  /** 0.1 -> "0.1", 1.0 -> "1", 10.0 -> "10": for file names and titles. */
  static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
