package org.varl.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.models.flow.ChangeOfVariables.Estimator;
import org.varl.testing.MonteCarlo;
import org.varl.testing.ResourceCounts;

/** The ODE layer against closed forms: solver orders, divergences, log-likelihood, straightness. */
class FlowOdeTest {

  /** A damped rotation plus a shear: non-normal, so Hutchinson's estimate varies by probe. */
  static final double[][] A = {{-0.3, 0.9}, {-0.6, 0.2}};

  static double[][] normals(SplittableRandom r, int n, int d) {
    double[][] z = new double[n][d];
    for (double[] row : z) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return z;
  }

  static double maxError(NDArray x, double[][] expected) {
    double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
    int d = expected[0].length;
    double e = 0;
    for (int r = 0; r < expected.length; r++) {
      for (int j = 0; j < d; j++) {
        e = Math.max(e, Math.abs(v[r * d + j] - expected[r][j]));
      }
    }
    return e;
  }

  /**
   * Global errors at h = 1/8 .. 1/64 on x' = A x over [0, 1]: the observed order log₂(e(h)/e(h/2))
   * of the finest pair is 1, 2, 4 (±0.15).
   */
  @Test
  void solversConvergeAtTheirOrder() {
    LinearField f = new LinearField(A);
    double[][] x0 = normals(new SplittableRandom(1), 5, 2);
    double[][] exact = LinearField.map(f.exp(1), x0);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray start = m.create(x0);
      for (OdeSolver solver : OdeSolver.values()) {
        double[] errors = new double[4];
        for (int i = 0; i < 4; i++) {
          try (NDManager s = m.newSubManager()) {
            start.tempAttach(s);
            errors[i] = maxError(solver.integrate(f::velocity, start, 0, 1, 8 << i), exact);
          }
        }
        double order = Math.log(errors[2] / errors[3]) / Math.log(2);
        int expected =
            switch (solver) {
              case EULER -> 1;
              case MIDPOINT -> 2;
              case RK4 -> 4;
            };
        assertThat(order)
            .as(solver + " errors " + java.util.Arrays.toString(errors))
            .isCloseTo(expected, within(0.15));
      }
    }
  }

  @Test
  void integratingBackwardsUndoesTheFlow() {
    LinearField f = new LinearField(A);
    double[][] x1 = normals(new SplittableRandom(2), 4, 2);
    double[][] back = LinearField.map(f.exp(-1), x1);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(maxError(OdeSolver.RK4.integrate(f::velocity, m.create(x1), 1, 0, 64), back))
          .isLessThan(1e-8);
    }
  }

  @Test
  void exactDivergenceIsTheTraceOfTheFiniteDifferenceJacobian() {
    try (NDManager m = NDManager.newBaseManager()) {
      TimeMlpField f = new TimeMlpField(m, 3, 7);
      double[][] x = normals(new SplittableRandom(3), 6, 3);
      double t = 0.37;
      double[] div = Divergence.exact(f, m.create(x), t).divergence().toDoubleArray();
      double h = 1e-5;
      for (int r = 0; r < x.length; r++) {
        double trace = 0;
        for (int j = 0; j < 3; j++) {
          double[][] up = {x[r].clone()};
          double[][] down = {x[r].clone()};
          up[0][j] += h;
          down[0][j] -= h;
          double vUp = f.velocity(m.create(up), t).toDoubleArray()[j];
          double vDown = f.velocity(m.create(down), t).toDoubleArray()[j];
          trace += (vUp - vDown) / (2 * h);
        }
        assertThat(div[r]).as("row " + r).isCloseTo(trace, within(1e-7));
      }
      // The velocity returned beside it is the field's.
      double[] v = Divergence.exact(f, m.create(x), t).velocity().toDoubleArray();
      assertThat(v).containsExactly(f.velocity(m.create(x), t).toDoubleArray(), within(1e-12));
    }
  }

  /** E[εᵀ J ε] = tr J: 40000 Rademacher probes at one point, within 4 standard errors. */
  @Test
  void hutchinsonIsUnbiased() {
    try (NDManager m = NDManager.newBaseManager()) {
      TimeMlpField f = new TimeMlpField(m, 3, 8);
      int probes = 40000;
      double[][] point = {{0.4, -1.1, 0.7}};
      double t = 0.6;
      double exact = Divergence.exact(f, m.create(point), t).divergence().toDoubleArray()[0];
      NDArray x = m.create(point).tile(new long[] {probes, 1});
      NDArray eps =
          m.create(Divergence.rademacher(new SplittableRandom(4), probes, 3), new Shape(probes, 3))
              .toType(DataType.FLOAT64, false);
      double[] estimates = Divergence.hutchinson(f, x, t, eps).divergence().toDoubleArray();
      MonteCarlo.assertMeanWithin("hutchinson divergence", estimates, exact, 4, 1e-9);
      // Not trivially exact: single probes differ from the trace.
      assertThat(MonteCarlo.standardError(estimates)).isGreaterThan(1e-4);
    }
  }

  /** log p_1(x) = log N(exp(−A) x) − tr A for the flow of v = A x from N(0, I). */
  @Test
  void changeOfVariablesIsExactOnALinearFlow() {
    LinearField f = new LinearField(A);
    double[][] z = normals(new SplittableRandom(5), 200, 2);
    double[][] x = LinearField.map(f.exp(1), z);
    try (NDManager m = NDManager.newBaseManager()) {
      double[] exact =
          ChangeOfVariables.logLikelihood(
              f, m.create(x), OdeSolver.RK4, 32, Estimator.EXACT, new SplittableRandom(0));
      double[] hutch =
          ChangeOfVariables.logLikelihood(
              f, m.create(x), OdeSolver.RK4, 32, Estimator.HUTCHINSON, new SplittableRandom(6));
      double[] hutchError = new double[x.length];
      for (int r = 0; r < x.length; r++) {
        double expected =
            -0.5 * (z[r][0] * z[r][0] + z[r][1] * z[r][1]) - Math.log(2 * Math.PI) - f.trace();
        assertThat(exact[r]).as("row " + r).isCloseTo(expected, within(1e-7));
        hutchError[r] = hutch[r] - expected;
      }
      // For v = A x, εᵀAε = tr A + (A₁₂ + A₂₁) ε₁ε₂: unbiased, ±0.3 per row here.
      MonteCarlo.assertMeanWithin("hutchinson log p error", hutchError, 0, 4, 1e-7);
      assertThat(MonteCarlo.standardError(hutchError)).isGreaterThan(1e-3);
    }
  }

  /**
   * The I-CFM marginal field between Gaussians: its flow carries N(0, I) to N(μ, s² I), the change
   * of variables recovers log N(x; μ, s² I), and its straightness is d ∫(s − 1 − σ'_t)² dt.
   */
  @Test
  void gaussianFlowsHaveTheirClosedForms() {
    double[] mu = {1.5, -0.5};
    double s = 0.4;
    GaussianPaths curved = GaussianPaths.independent(mu, s);
    GaussianPaths straight = GaussianPaths.optimal(mu, s);
    double[][] z = normals(new SplittableRandom(9), 1000, 2);
    double[][] mapped = new double[z.length][2];
    double meanSquare = 0;
    for (int r = 0; r < z.length; r++) {
      for (int j = 0; j < 2; j++) {
        mapped[r][j] = mu[j] + s * z[r][j];
        meanSquare += z[r][j] * z[r][j] / z.length;
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      // Both fields end at the OT map z -> μ + s z (isotropic Gaussians).
      assertThat(
              maxError(OdeSolver.RK4.integrate(curved::velocity, m.create(z), 0, 1, 100), mapped))
          .isLessThan(1e-6);
      Straightness oneStep = new Straightness();
      NDArray euler = OdeSolver.EULER.integrate(straight::velocity, m.create(z), 0, 1, 1, oneStep);
      assertThat(maxError(euler, mapped))
          .as("one Euler step is exact on a straight flow")
          .isLessThan(1e-12);

      Straightness sStraight = new Straightness();
      NDArray end = OdeSolver.RK4.integrate(straight::velocity, m.create(z), 0, 1, 50, sStraight);
      assertThat(sStraight.value(end)).isLessThan(1e-12);

      int k = 400;
      Straightness sCurved = new Straightness();
      NDArray endCurved = OdeSolver.RK4.integrate(curved::velocity, m.create(z), 0, 1, k, sCurved);
      // Same z: S_n = mean ‖z‖² ∫_0^1 (s − 1 − σ'_t)² dt, by the midpoint rule on 20000 cells.
      double integral = 0;
      int cells = 20000;
      for (int c = 0; c < cells; c++) {
        double e = s - 1 - curved.sigmaDot((c + 0.5) / cells);
        integral += e * e / cells;
      }
      double expected = meanSquare * integral;
      assertThat(expected).isGreaterThan(0.1);
      // The left Riemann sum over K steps is within O(1/K) of the integral.
      assertThat(sCurved.value(endCurved)).isCloseTo(expected, within(0.01 * expected));

      double[] logp =
          ChangeOfVariables.logLikelihood(
              curved, m.create(mapped), OdeSolver.RK4, 100, Estimator.EXACT, null);
      for (int r = 0; r < z.length; r += 37) {
        double expectedLogp =
            -0.5 * (z[r][0] * z[r][0] + z[r][1] * z[r][1])
                - Math.log(2 * Math.PI)
                - 2 * Math.log(s);
        assertThat(logp[r]).as("row " + r).isCloseTo(expectedLogp, within(1e-5));
      }
    }
  }

  @Test
  void solvesLeaveNoArraysBehind() {
    try (NDManager m = NDManager.newBaseManager()) {
      TimeMlpField f = new TimeMlpField(m, 2, 3);
      NDArray x = m.create(normals(new SplittableRandom(10), 50, 2));
      ResourceCounts.assertFlatOver(
          m,
          3,
          i -> {
            for (OdeSolver solver : OdeSolver.values()) {
              solver.integrate(f::velocity, x, 0, 1, 5).close();
            }
            ChangeOfVariables.logLikelihood(
                f, x, OdeSolver.MIDPOINT, 4, Estimator.HUTCHINSON, new SplittableRandom(i));
            ChangeOfVariables.logLikelihood(f, x, OdeSolver.EULER, 4, Estimator.EXACT, null);
          });
      assertThat(x.getManager()).isSameAs(m);
    }
  }

  @Test
  void badInputIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> OdeSolver.parse("heun")).hasMessageContaining("heun");
    assertThatThrownBy(() -> OdeSolver.RK4.stepsFor(3))
        .hasMessageContaining("nfe must be >= 4")
        .hasMessageContaining("found 3");
    assertThat(OdeSolver.MIDPOINT.stepsFor(7)).isEqualTo(3);
    assertThatThrownBy(() -> Estimator.parse("trace")).hasMessageContaining("trace");
    try (NDManager m = NDManager.newBaseManager()) {
      LinearField f = new LinearField(A);
      assertThatThrownBy(
              () ->
                  ChangeOfVariables.logLikelihood(
                      f, m.zeros(new Shape(4, 3)), OdeSolver.RK4, 4, Estimator.EXACT, null))
          .hasMessage("points must be [n, 2], found (4, 3)");
      assertThatThrownBy(
              () -> OdeSolver.EULER.integrate(f::velocity, m.zeros(new Shape(1, 2)), 0, 1, 0))
          .hasMessageContaining("steps must be >= 1, found 0");
    }
  }
}
