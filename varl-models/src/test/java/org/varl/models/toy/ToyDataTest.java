package org.varl.models.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The toy data sets against their definitions: densities, entropies, moments, supports. */
class ToyDataTest {

  @Test
  void eightGaussiansDensityIntegratesToOneAndMatchesTheMixtureFormula() {
    assertThat(GridQuadrature.mass(EightGaussians::logDensity, -8, 8, 800))
        .isCloseTo(1.0, within(1e-9));
    // At a center the density is the own component's peak plus the (tiny) neighbours' tails.
    double[] c0 = EightGaussians.center(0);
    double peak = 1 / (2 * Math.PI * 0.25) / 8;
    double neighbourDistance2 = 2 * 16 * (1 - Math.cos(2 * Math.PI / 8)); // |c0 − c1|²
    double tails = 0;
    for (int k = 1; k < 8; k++) {
      double[] ck = EightGaussians.center(k);
      double d2 = Math.pow(c0[0] - ck[0], 2) + Math.pow(c0[1] - ck[1], 2);
      tails += Math.exp(-d2 / 0.5) / (2 * Math.PI * 0.25) / 8;
    }
    assertThat(tails).isGreaterThan(0).isLessThan(peak * Math.exp(-neighbourDistance2 / 0.5) * 3);
    assertThat(EightGaussians.logDensity(c0[0], c0[1]))
        .isCloseTo(Math.log(peak + tails), within(1e-12));
    assertThat(c0).containsExactly(4.0, 0.0);
    assertThat(EightGaussians.center(2)[1]).isCloseTo(4.0, within(1e-12));
  }

  @Test
  void eightGaussiansEntropyIsTheComponentEntropyPlusLogEight() {
    // The modes are 3.06 apart (6 σ): they barely overlap, so H ≈ log 8 + log(2πeσ²), slightly
    // less (overlap only lowers the mixture's entropy below the sum).
    double separated = Math.log(8) + Math.log(2 * Math.PI * Math.E * 0.25);
    double h = new EightGaussians().entropy().orElseThrow();
    assertThat(h).isLessThan(separated).isGreaterThan(separated - 0.01);
    // The quadrature has converged: a finer grid over a wider square gives the same value.
    assertThat(GridQuadrature.entropy(EightGaussians::logDensity, -9, 9, 1200))
        .isCloseTo(h, within(1e-9));
    // Monte Carlo −E log p over the generator's own draws agrees within 4 standard errors.
    float[] x = new EightGaussians().sample(20000, new SplittableRandom(5));
    double[] lp = new EightGaussians().logDensities(x);
    double mean = 0;
    double sq = 0;
    for (double v : lp) {
      mean += v;
      sq += v * v;
    }
    mean /= lp.length;
    double se = Math.sqrt((sq / lp.length - mean * mean) / lp.length);
    assertThat(-mean).isCloseTo(h, within(4 * se));
  }

  @Test
  void eightGaussiansSamplesHaveTheMixturesMomentsAndEqualModes() {
    float[] x = new EightGaussians().sample(40000, new SplittableRandom(1));
    int[] counts = new int[8];
    double r2 = 0;
    for (int i = 0; i < x.length / 2; i++) {
      counts[EightGaussians.nearestMode(x[2 * i], x[2 * i + 1])]++;
      r2 += x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1];
    }
    // E|x|² = 16 + 2σ² = 16.5.
    assertThat(r2 / (x.length / 2)).isCloseTo(16.5, within(0.1));
    for (int c : counts) {
      assertThat(c / 40000.0).isCloseTo(0.125, within(0.01));
    }
  }

  @Test
  void checkerboardIsUniformOnItsDarkSquaresWithEntropyLog32() {
    Checkerboard cb = new Checkerboard();
    assertThat(GridQuadrature.mass(Checkerboard::logDensity, -5, 5, 500))
        .isCloseTo(1.0, within(1e-9));
    assertThat(cb.entropy().orElseThrow()).isCloseTo(Math.log(32), within(1e-9));
    assertThat(Checkerboard.logDensity(-3, -3)).isEqualTo(-Math.log(32));
    assertThat(Checkerboard.logDensity(-1, -3)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Checkerboard.logDensity(4.5, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    float[] x = cb.sample(32000, new SplittableRandom(2));
    int[] perSquare = new int[16];
    for (int i = 0; i < x.length / 2; i++) {
      assertThat(Checkerboard.logDensity(x[2 * i], x[2 * i + 1])).isEqualTo(-Math.log(32));
      int col = (int) Math.floor((x[2 * i] + 4) / 2);
      int row = (int) Math.floor((x[2 * i + 1] + 4) / 2);
      perSquare[row * 4 + col]++;
    }
    for (int sq = 0; sq < 16; sq++) {
      boolean dark = (sq / 4 + sq % 4) % 2 == 0;
      assertThat(perSquare[sq] / 32000.0)
          .as("square %d", sq)
          .isCloseTo(dark ? 0.125 : 0.0, within(0.01));
    }
  }

  @Test
  void moonsAndSwissRollLieWhereTheirDefinitionsPutThem() {
    float[] m = new Moons().sample(20000, new SplittableRandom(3));
    // Mean of u: upper moon (2/π·0... ) E[cos θ] = 0, E[sin θ] = 2/π; lower: (1, ½ − 2/π).
    // E u = (½, ¼), so E x = 2 (½, ¼) + (−1, −0.2) = (0, 0.3).
    double mx = 0;
    double my = 0;
    for (int i = 0; i < m.length / 2; i++) {
      mx += m[2 * i];
      my += m[2 * i + 1];
    }
    assertThat(mx / 20000).isCloseTo(0.0, within(0.03));
    assertThat(my / 20000).isCloseTo(0.3, within(0.03));
    float[] s = new SwissRoll().sample(20000, new SplittableRandom(4));
    double r = 0;
    for (int i = 0; i < s.length / 2; i++) {
      r = Math.max(r, Math.hypot(s[2 * i], s[2 * i + 1]));
    }
    // |t| ≤ 4.5π ≈ 14.1, /5 ≈ 2.83, plus noise of 0.2.
    assertThat(r).isGreaterThan(2.6).isLessThan(2.83 + 1.2);
    assertThat(new Moons().hasLogDensity()).isFalse();
    assertThatThrownBy(() -> new SwissRoll().logDensity(new double[] {0, 0}))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("swissroll");
  }

  @Test
  void sameGeneratorSeedGivesTheSamePoints() {
    for (String spec : new String[] {"8gaussians", "checkerboard", "moons", "swissroll"}) {
      PointData d = PointDataSets.parse(spec, 0, null);
      assertThat(d.spec()).isEqualTo(spec);
      assertThat(d.sample(50, new SplittableRandom(9)))
          .isEqualTo(d.sample(50, new SplittableRandom(9)));
    }
  }

  @Test
  void unknownSpecIsOneLineNamingTheChoices() {
    assertThatThrownBy(() -> PointDataSets.parse("9gaussians", 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9gaussians")
        .hasMessageContaining("checkerboard")
        .hasMessageNotContaining("\n");
  }
}
