package org.varl.core.analysis;

import java.util.Arrays;

/**
 * The linear assignment problem, solved exactly: for an n × m cost matrix C with n ≤ m, the
 * injective map σ from rows to columns that minimizes
 *
 * <pre>
 *   Σ_i C[i, σ(i)]
 * </pre>
 *
 * by the Hungarian method in its shortest-augmenting-path form with dual potentials (Kuhn 1955,
 * Munkres 1957; the O(n² m) organisation of Jonker and Volgenant 1987 and of Lawler's textbook):
 * rows are added one at a time, and each addition grows a Dijkstra-like tree over the columns in
 * reduced costs {@code C[i, j] − u_i − v_j ≥ 0} until it reaches a free column, then flips the path
 * and updates the potentials so that the reduced costs stay non-negative and are zero on the
 * matching. Complementary slackness at the end proves optimality.
 *
 * <p>Uses: exact 2-Wasserstein distances between equal-size point sets, and the minibatch optimal
 * transport coupling of OT-CFM (Tong et al. 2023). Plain Java, doubles; 1000 × 1000 takes about a
 * second.
 */
public final class Assignment {

  private Assignment() {}

  /**
   * The optimal assignment for the row-major cost matrix {@code cost[i * m + j]}, {@code rows ≤
   * columns}: element i of the result is σ(i), the column given to row i.
   *
   * @throws IllegalArgumentException when the shape is wrong or a cost is not finite
   */
  public static int[] solve(double[] cost, int rows, int columns) {
    if (rows < 0 || columns < rows) {
      throw new IllegalArgumentException(
          "assignment needs 0 <= rows <= columns, found " + rows + " x " + columns);
    }
    if (cost.length != (long) rows * columns) {
      throw new IllegalArgumentException(
          "cost must hold " + rows + " x " + columns + " values, found " + cost.length);
    }
    for (int k = 0; k < cost.length; k++) {
      if (!Double.isFinite(cost[k])) {
        throw new IllegalArgumentException(
            "cost must be finite, found "
                + cost[k]
                + " at ["
                + k / columns
                + ", "
                + k % columns
                + "]");
      }
    }
    int n = rows;
    int m = columns;
    // Index 0 of the column arrays is a virtual column holding the row being inserted; rows and
    // columns are numbered from 1 inside the loop.
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] rowOfColumn = new int[m + 1];
    int[] previous = new int[m + 1];
    double[] distance = new double[m + 1];
    boolean[] inTree = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      rowOfColumn[0] = i;
      int column = 0;
      Arrays.fill(distance, Double.POSITIVE_INFINITY);
      Arrays.fill(inTree, false);
      do {
        inTree[column] = true;
        int row = rowOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = -1;
        int base = (row - 1) * m;
        double ur = u[row];
        for (int j = 1; j <= m; j++) {
          if (!inTree[j]) {
            double reduced = cost[base + j - 1] - ur - v[j];
            if (reduced < distance[j]) {
              distance[j] = reduced;
              previous[j] = column;
            }
            if (distance[j] < delta) {
              delta = distance[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (inTree[j]) {
            u[rowOfColumn[j]] += delta;
            v[j] -= delta;
          } else {
            distance[j] -= delta;
          }
        }
        column = next;
      } while (rowOfColumn[column] != 0);
      // Flip the augmenting path back to the virtual column.
      do {
        int before = previous[column];
        rowOfColumn[column] = rowOfColumn[before];
        column = before;
      } while (column != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= m; j++) {
      if (rowOfColumn[j] != 0) {
        assignment[rowOfColumn[j] - 1] = j - 1;
      }
    }
    return assignment;
  }

  /** As {@link #solve(double[], int, int)} for a rectangular {@code cost[i][j]}. */
  public static int[] solve(double[][] cost) {
    int n = cost.length;
    int m = n == 0 ? 0 : cost[0].length;
    double[] flat = new double[n * m];
    for (int i = 0; i < n; i++) {
      if (cost[i].length != m) {
        throw new IllegalArgumentException(
            "cost rows must have equal length, row 0 has "
                + m
                + ", row "
                + i
                + " "
                + cost[i].length);
      }
      System.arraycopy(cost[i], 0, flat, i * m, m);
    }
    return solve(flat, n, m);
  }

  /** {@code Σ_i cost[i][σ(i)]}. */
  public static double total(double[][] cost, int[] assignment) {
    double s = 0;
    for (int i = 0; i < assignment.length; i++) {
      s += cost[i][assignment[i]];
    }
    return s;
  }
}
