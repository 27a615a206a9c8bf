package org.varl.experiments.vi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Gauss–Hermite rule against closed forms: the roots of He_3, He_4, He_5 (He_4 = u⁴ − 6u² + 3,
 * He_5 = u⁵ − 10u³ + 15u), the moments of N(0, 1) ((2m − 1)!!, exact up to degree 2n − 1 and off by
 * exactly n! at degree 2n, which makes it the Gauss rule and not merely an exact one), {@code E[cos
 * u] = e^{−1/2}} and {@code E[e^u] = e^{1/2}}, and the product rule's moments in two dimensions.
 */
class GaussHermiteTest {

  @Test
  void smallRulesHaveTheClosedFormNodesAndWeights() {
    GaussHermite two = GaussHermite.of(2);
    assertThat(two.nodes()).containsExactly(new double[] {-1, 1}, within(1e-15));
    assertThat(two.weights()).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
    GaussHermite three = GaussHermite.of(3); // He_3 = u³ − 3u
    assertThat(three.nodes())
        .containsExactly(new double[] {-Math.sqrt(3), 0, Math.sqrt(3)}, within(1e-14));
    assertThat(three.weights())
        .containsExactly(new double[] {1.0 / 6, 2.0 / 3, 1.0 / 6}, within(1e-15));
    double a = Math.sqrt(3 - Math.sqrt(6));
    double b = Math.sqrt(3 + Math.sqrt(6));
    assertThat(GaussHermite.of(4).nodes())
        .containsExactly(new double[] {-b, -a, a, b}, within(1e-14));
    double c = Math.sqrt(5 - Math.sqrt(10));
    double d = Math.sqrt(5 + Math.sqrt(10));
    assertThat(GaussHermite.of(5).nodes())
        .containsExactly(new double[] {-d, -c, 0, c, d}, within(1e-14));
    assertThat(GaussHermite.of(1).nodes()).containsExactly(0.0);
    assertThat(GaussHermite.of(1).weights()).containsExactly(1.0);
  }

  @Test
  void momentsAreExactUpToDegreeTwoNMinusOneAndOffByNFactorialAtTwoN() {
    for (int n : new int[] {2, 3, 6, 10, 16}) {
      GaussHermite rule = GaussHermite.of(n);
      double doubleFactorial = 1; // (2m − 1)!! = E[u^{2m}]
      for (int m = 0; m < n; m++) {
        int power = 2 * m;
        double even = rule.expectation(u -> Math.pow(u, power));
        double odd = rule.expectation(u -> Math.pow(u, power + 1));
        assertThat(even)
            .as("n=%d E[u^%d]", n, power)
            .isCloseTo(doubleFactorial, within(1e-12 * doubleFactorial));
        assertThat(odd)
            .as("n=%d E[u^%d]", n, power + 1)
            .isCloseTo(0, within(1e-12 * doubleFactorial));
        doubleFactorial *= power + 1;
      }
      // u^{2n} = He_n² + (lower degrees, integrated exactly), E[He_n²] = n!, and the rule gives
      // He_n² zero.
      double nFactorial = 1;
      for (int j = 2; j <= n; j++) {
        nFactorial *= j;
      }
      double top = rule.expectation(u -> Math.pow(u, 2 * n));
      assertThat(top)
          .as("n=%d E[u^%d]", n, 2 * n)
          .isCloseTo(doubleFactorial - nFactorial, within(1e-11 * doubleFactorial));
    }
    GaussHermite eight = GaussHermite.of(8);
    assertThat(eight.expectation(u -> u * u)).isCloseTo(1, within(1e-14));
    assertThat(eight.expectation(u -> Math.pow(u, 4))).isCloseTo(3, within(1e-13));
    assertThat(eight.expectation(u -> Math.pow(u, 6))).isCloseTo(15, within(1e-12));
  }

  @Test
  void smoothFunctionsConvergeToTheirClosedForms() {
    // Error of the n-point rule for g: n!/(2n)! · g^{(2n)} at some point; for cos that is below
    // 1e-22 at n = 16.
    GaussHermite rule = GaussHermite.of(16);
    assertThat(rule.expectation(Math::cos)).isCloseTo(Math.exp(-0.5), within(1e-15));
    assertThat(rule.expectation(Math::exp)).isCloseTo(Math.exp(0.5), within(1e-14));
    // Too few nodes are visibly wrong: the test above can fail.
    assertThat(Math.abs(GaussHermite.of(2).expectation(Math::cos) - Math.exp(-0.5)))
        .isGreaterThan(1e-2);
  }

  @Test
  void largeRulesAreSymmetricWithWeightsSummingToOne() {
    for (int n : new int[] {24, 31, 32, 64, GaussHermite.MAX_NODES}) {
      GaussHermite rule = GaussHermite.of(n);
      double[] u = rule.nodes();
      double[] w = rule.weights();
      assertThat(u).hasSize(n);
      double sum = 0;
      for (int k = 0; k < n; k++) {
        assertThat(u[n - 1 - k])
            .as("n=%d node %d", n, k)
            .isCloseTo(-u[k], within(1e-12 * Math.max(1, u[k])));
        assertThat(w[k]).as("n=%d weight %d", n, k).isPositive();
        if (k > 0) {
          assertThat(u[k]).as("n=%d node %d", n, k).isGreaterThan(u[k - 1]);
        }
        sum += w[k];
      }
      assertThat(sum).as("n=%d", n).isCloseTo(1, within(1e-13));
      assertThat(rule.expectation(Math::cos))
          .as("n=%d", n)
          .isCloseTo(Math.exp(-0.5), within(1e-14));
    }
  }

  @Test
  void theProductRuleIntegratesMixedMomentsInTwoDimensions() {
    GaussHermite rule = GaussHermite.of(5);
    float[] nodes = rule.productNodes(2);
    double[] weights = rule.productWeights(2);
    assertThat(weights).hasSize(25);
    assertThat(nodes).hasSize(50);
    double[] u = rule.nodes();
    // Point i = 5 k_0 + k_1: the last coordinate varies fastest.
    assertThat(nodes[2 * 7]).isEqualTo((float) u[1]);
    assertThat(nodes[2 * 7 + 1]).isEqualTo((float) u[2]);
    double total = 0;
    double mixed = 0; // E[u_0² u_1⁴] = 1 · 3
    double cross = 0; // E[u_0 u_1] = 0
    double cosines = 0; // E[cos(u_0 + u_1)] = e^{−1}, not exact at n = 5: error 3.2e-5
    for (int i = 0; i < 25; i++) {
      double a = nodes[2 * i];
      double b = nodes[2 * i + 1];
      total += weights[i];
      mixed += weights[i] * a * a * b * b * b * b;
      cross += weights[i] * a * b;
      cosines += weights[i] * Math.cos(a + b);
    }
    assertThat(total).isCloseTo(1, within(1e-14));
    // float nodes: relative error about 1e-7 per coordinate
    assertThat(mixed).isCloseTo(3, within(1e-5));
    assertThat(cross).isCloseTo(0, within(1e-7));
    assertThat(cosines - Math.exp(-1)).isBetween(2e-5, 5e-5);
    double[] three = GaussHermite.of(3).productWeights(3);
    assertThat(three).hasSize(27);
    assertThat(three[13]).isCloseTo(Math.pow(2.0 / 3, 3), within(1e-15)); // the centre (1, 1, 1)
  }

  @Test
  void badArgumentsNameTheParameter() {
    assertThatThrownBy(() -> GaussHermite.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes must be in [1, 100], found 0");
    assertThatThrownBy(() -> GaussHermite.of(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes must be in [1, 100], found 101");
    assertThatThrownBy(() -> GaussHermite.of(3).productWeights(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension must be >= 1, found 0");
  }
}
