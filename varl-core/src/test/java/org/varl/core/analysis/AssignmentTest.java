package org.varl.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Hungarian method against brute force over all injective maps. */
class AssignmentTest {

  @Test
  void matchesBruteForceOnRandomSquareAndRectangularMatrices() {
    SplittableRandom r = new SplittableRandom(17);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + r.nextInt(6);
      int m = n + r.nextInt(3);
      double[][] c = new double[n][m];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          // Integers in some trials make ties, which the method must handle too.
          c[i][j] = trial % 2 == 0 ? r.nextInt(5) - 2 : r.nextGaussian() * 10;
        }
      }
      int[] a = Assignment.solve(c);
      assertThat(a).hasSize(n);
      assertThat(java.util.Arrays.stream(a).distinct().count()).isEqualTo(n);
      assertThat(Assignment.total(c, a))
          .as("trial %d (%d x %d)", trial, n, m)
          .isCloseTo(bruteForce(c, 0, new boolean[m]), within(1e-9));
    }
  }

  @Test
  void aKnownCaseAndTheEmptyProblem() {
    // Rows must take the anti-diagonal: 1 + 2 + 3 = 6 against 3 times 9 on the diagonal.
    double[][] c = {{9, 8, 1}, {8, 2, 8}, {3, 9, 9}};
    assertThat(Assignment.solve(c)).containsExactly(2, 1, 0);
    assertThat(Assignment.solve(new double[0], 0, 0)).isEmpty();
  }

  @Test
  void largeProblemIsNoWorseThanTheIdentityOrRandomPermutations() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 200;
    double[][] c = new double[n][n];
    for (double[] row : c) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextDouble();
      }
    }
    double best = Assignment.total(c, Assignment.solve(c));
    int[] id = new int[n];
    for (int i = 0; i < n; i++) {
      id[i] = i;
    }
    assertThat(best).isLessThan(Assignment.total(c, id));
    // The optimum of a uniform random assignment problem is near ζ(2) = π²/6 (Aldous 2001).
    assertThat(best).isCloseTo(Math.PI * Math.PI / 6, within(0.25));
  }

  @Test
  void badShapesAndCostsAreRefused() {
    assertThatThrownBy(() -> Assignment.solve(new double[6], 3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows <= columns");
    assertThatThrownBy(() -> Assignment.solve(new double[] {0, Double.NaN, 1, 2}, 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }

  private static double bruteForce(double[][] c, int row, boolean[] used) {
    if (row == c.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, c[row][j] + bruteForce(c, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }
}
