package org.varl.models.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Kalman filter against the brute-force joint Gaussian of x_{1:T}, the exact smoothing
 * conditionals against the identity log p(x, z) − log q*(z) = log p(x), and the model's input
 * checks.
 */
class KalmanTest {

  /**
   * A model with full (correlated) Q, R, P0 and a non-zero μ_0: nothing diagonal to hide behind.
   */
  static LinearGaussianSsm correlatedModel() {
    double[][] a = {{0.8, 0.3}, {-0.2, 0.7}};
    double[][] b = {{0.5}, {-0.3}};
    double[][] c = {{1.0, 0.2}, {-0.4, 0.9}, {0.3, 0.3}};
    double[][] q = {{0.2, 0.05}, {0.05, 0.1}};
    double[][] r = {{0.5, 0.1, 0.0}, {0.1, 0.4, -0.05}, {0.0, -0.05, 0.3}};
    double[] mu0 = {0.3, -0.5};
    double[][] p0 = {{1.0, 0.3}, {0.3, 0.8}};
    return new LinearGaussianSsm(a, b, c, q, r, mu0, p0);
  }

  /** log N(x_{1:T}; E x, Cov x) with the joint moments built step by step. */
  static double bruteForce(LinearGaussianSsm m, double[][] x, double[][] act) {
    int n = x.length;
    int dz = m.dimZ();
    int dx = m.dimX();
    double[][] mu = new double[n][];
    double[][][][] cov = new double[n][n][][];
    mu[0] = m.mu0();
    cov[0][0] = m.p0();
    for (int t = 0; t + 1 < n; t++) {
      mu[t + 1] = Matrices.add(Matrices.multiply(m.a(), mu[t]), Matrices.multiply(m.b(), act[t]));
      for (int s = 0; s <= t; s++) {
        cov[t + 1][s] = Matrices.multiply(m.a(), cov[t][s]);
        cov[s][t + 1] = Matrices.transpose(cov[t + 1][s]);
      }
      cov[t + 1][t + 1] =
          Matrices.add(
              Matrices.multiply(Matrices.multiply(m.a(), cov[t][t]), Matrices.transpose(m.a())),
              m.q());
    }
    double[] flat = new double[n * dx];
    double[] mean = new double[n * dx];
    double[][] joint = new double[n * dx][n * dx];
    for (int t = 0; t < n; t++) {
      double[] mx = Matrices.multiply(m.c(), mu[t]);
      for (int i = 0; i < dx; i++) {
        flat[t * dx + i] = x[t][i];
        mean[t * dx + i] = mx[i];
      }
      for (int s = 0; s < n; s++) {
        double[][] block =
            Matrices.multiply(Matrices.multiply(m.c(), cov[t][s]), Matrices.transpose(m.c()));
        if (s == t) {
          block = Matrices.add(block, m.r());
        }
        for (int i = 0; i < dx; i++) {
          for (int j = 0; j < dx; j++) {
            joint[t * dx + i][s * dx + j] = block[i][j];
          }
        }
      }
    }
    assertThat(dz).isPositive();
    return Matrices.logNormal(flat, mean, Matrices.cholesky(Matrices.symmetrize(joint)));
  }

  @Test
  void kalmanLogLikelihoodEqualsTheJointGaussianOnShortSequences() {
    LinearGaussianSsm m = correlatedModel();
    SequenceData d = m.sample(5, 4, 7);
    for (int s = 0; s < d.sequences(); s++) {
      for (int len = 1; len <= 4; len++) {
        double[][] x = java.util.Arrays.copyOf(d.observations(s), len);
        double[][] a = java.util.Arrays.copyOf(d.actions(s), len);
        double exact = bruteForce(m, x, a);
        assertThat(Kalman.logLikelihood(m, x, a))
            .as("sequence %d, T = %d", s, len)
            .isCloseTo(
                exact, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(exact))));
      }
    }
    // And on a random instance of the generator with two action dimensions.
    LinearGaussianSsm g = LinearGaussianSsm.random(3, 2, 2, 11);
    SequenceData e = g.sample(3, 5, 2);
    for (int s = 0; s < 3; s++) {
      double exact = bruteForce(g, e.observations(s), e.actions(s));
      assertThat(Kalman.logLikelihood(g, e.observations(s), e.actions(s)))
          .isCloseTo(
              exact, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(exact))));
    }
  }

  @Test
  void exactSmoothingConditionalsTurnTheJointIntoTheMarginalAtEveryZ() {
    // log p(x, z) − Σ_t log q*(z_t | z_{t−1}) = log p(x) for every z when q* is the exact
    // posterior: checked at random z far from the posterior mean, too.
    LinearGaussianSsm m = correlatedModel();
    SequenceData d = m.sample(3, 6, 3);
    SplittableRandom g = new SplittableRandom(5);
    for (int s = 0; s < 3; s++) {
      double[][] x = d.observations(s);
      double[][] a = d.actions(s);
      double logPx = Kalman.logLikelihood(m, x, a);
      Kalman.Conditionals q = Kalman.smoothingConditionals(m, x, a);
      for (int draw = 0; draw < 4; draw++) {
        double[][] z = new double[x.length][2];
        for (double[] zt : z) {
          zt[0] = 3 * g.nextGaussian();
          zt[1] = 3 * g.nextGaussian();
        }
        double logJoint = 0;
        double logQ = 0;
        for (int t = 0; t < x.length; t++) {
          double[] priorMean =
              t == 0
                  ? m.mu0()
                  : Matrices.add(
                      Matrices.multiply(m.a(), z[t - 1]), Matrices.multiply(m.b(), a[t - 1]));
          double[][] priorCov = t == 0 ? m.p0() : m.q();
          logJoint += Matrices.logNormal(z[t], priorMean, Matrices.cholesky(priorCov));
          logJoint +=
              Matrices.logNormal(x[t], Matrices.multiply(m.c(), z[t]), Matrices.cholesky(m.r()));
          double[] qMean =
              t == 0
                  ? q.offsets()[0]
                  : Matrices.add(Matrices.multiply(q.gains()[t], z[t - 1]), q.offsets()[t]);
          logQ += Matrices.logNormal(z[t], qMean, Matrices.cholesky(q.covariances()[t]));
        }
        assertThat(logJoint - logQ)
            .as("sequence %d draw %d", s, draw)
            .isCloseTo(
                logPx, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(logPx))));
      }
    }
  }

  @Test
  void filteringMeanOfOneStepIsTheConditionalOfTheJoint() {
    // T = 1: m_1 = μ_0 + P_0 Cᵀ (C P_0 Cᵀ + R)⁻¹ (x − C μ_0), here with C = I and scalars.
    LinearGaussianSsm m =
        new LinearGaussianSsm(
            new double[][] {{1}},
            new double[][] {{0}},
            new double[][] {{1}},
            new double[][] {{1}},
            new double[][] {{0.5}},
            new double[] {0.2},
            new double[][] {{2}});
    Kalman.Filtered f = Kalman.filter(m, new double[][] {{1.2}}, new double[][] {{0}});
    assertThat(f.means()[0][0])
        .isCloseTo(0.2 + 2 / 2.5 * 1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(f.covariances()[0][0][0])
        .isCloseTo(2 - 4 / 2.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void nonPositiveDefiniteCovarianceIsRejectedNamingTheMatrixAndIndex() {
    LinearGaussianSsm ok = correlatedModel();
    // Q with a 2x2 minor of determinant 0.1·0.1 − 0.2² < 0: pivot 1 fails.
    double[][] badQ = {{0.1, 0.2}, {0.2, 0.1}};
    assertThatThrownBy(
            () -> new LinearGaussianSsm(ok.a(), ok.b(), ok.c(), badQ, ok.r(), ok.mu0(), ok.p0()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Q is not positive definite: the Cholesky pivot at index 1 is -0.3");
    double[][] badR = ok.r();
    badR[2][2] = -1;
    assertThatThrownBy(
            () -> new LinearGaussianSsm(ok.a(), ok.b(), ok.c(), ok.q(), badR, ok.mu0(), ok.p0()))
        .hasMessageStartingWith("R is not positive definite: the Cholesky pivot at index 2");
    double[][] asymmetric = {{1.0, 0.3}, {0.2, 0.8}};
    assertThatThrownBy(
            () ->
                new LinearGaussianSsm(ok.a(), ok.b(), ok.c(), ok.q(), ok.r(), ok.mu0(), asymmetric))
        .hasMessage("P0 must be symmetric, found P0[0][1] = 0.3 and P0[1][0] = 0.2");
    double[][] nan = ok.a();
    nan[1][0] = Double.NaN;
    assertThatThrownBy(
            () -> new LinearGaussianSsm(nan, ok.b(), ok.c(), ok.q(), ok.r(), ok.mu0(), ok.p0()))
        .hasMessage("A[1][0] must be finite, found NaN");
    assertThatThrownBy(
            () ->
                new LinearGaussianSsm(
                    ok.a(),
                    ok.b(),
                    new double[][] {{1, 2, 3}},
                    ok.q(),
                    new double[][] {{1}},
                    ok.mu0(),
                    ok.p0()))
        .hasMessage("C must be 1 x 2 (dimX x dimZ), found 3 entries in row 0");
  }

  @Test
  void samplingIsAPureFunctionOfTheSeedAndSequence() {
    LinearGaussianSsm m = LinearGaussianSsm.random(2, 4, 1, 3);
    SequenceData a = m.sample(6, 5, 9);
    SequenceData b = m.sample(3, 5, 9);
    assertThat(java.util.Arrays.copyOf(a.x(), b.x().length)).containsExactly(b.x());
    assertThat(m.sample(6, 5, 10).x()).isNotEqualTo(a.x());
    for (double v : a.a()) {
      assertThat(v).isBetween(-1.0, 1.0);
    }
    assertThat(a.trainCount()).isEqualTo(5);
    assertThat(a.heldOut().sequences()).isEqualTo(1);
  }
}
