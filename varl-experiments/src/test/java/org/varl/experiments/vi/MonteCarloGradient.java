package org.varl.experiments.vi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Surrogate;

/**
 * A long Monte Carlo average of an estimator's gradient on a problem, with its standard error: C
 * independent estimates {@code ĝ_c} of S draws each (one backward pass each), then per parameter j
 *
 * <pre>
 *   mean_j = (1/C) Σ_c ĝ_cj        se_j = sqrt( (1/(C(C−1))) Σ_c (ĝ_cj − mean_j)² )
 * </pre>
 *
 * The draws come from the engine's generator, so a fixed {@code EngineSetup.seed} makes it
 * reproducible.
 */
final class MonteCarloGradient {

  final double[] mean;
  final double[] standardError;
  final int draws;

  private MonteCarloGradient(double[] mean, double[] standardError, int draws) {
    this.mean = mean;
    this.standardError = standardError;
    this.draws = draws;
  }

  static MonteCarloGradient of(
      NDManager root, GradientProblem problem, GradientEstimator estimator, int draws, int chunks) {
    List<NDArray> longLived = new ArrayList<>(problem.longLived());
    longLived.addAll(problem.parameters());
    NDArray[] attach = longLived.toArray(new NDArray[0]);
    double[] sum = null;
    double[] squares = null;
    for (int c = 0; c < chunks; c++) {
      try (NDManager scope = root.newSubManager()) {
        scope.tempAttachAll(attach);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Surrogate s =
              estimator.surrogate(
                  problem.q(scope), problem.f(scope), draws, problem.context(scope));
          gc.backward(s.objective());
        }
      }
      double[] g = readAndZero(problem.parameters());
      if (sum == null) {
        sum = new double[g.length];
        squares = new double[g.length];
      }
      for (int j = 0; j < g.length; j++) {
        sum[j] += g[j];
        squares[j] += g[j] * g[j];
      }
    }
    double[] mean = new double[sum.length];
    double[] se = new double[sum.length];
    for (int j = 0; j < sum.length; j++) {
      mean[j] = sum[j] / chunks;
      double variance = Math.max(0, (squares[j] - chunks * mean[j] * mean[j]) / (chunks - 1));
      se[j] = Math.sqrt(variance / chunks);
    }
    return new MonteCarloGradient(mean, se, draws * chunks);
  }

  /** {@code sqrt((1/P) Σ_j se_j²)}, comparable with {@link EstimatorStats#standardError()}. */
  double rmsStandardError() {
    double total = 0;
    for (double s : standardError) {
      total += s * s;
    }
    return Math.sqrt(total / standardError.length);
  }

  /** {@code sqrt((1/P) Σ_j (mean_j − other_j)²)}. */
  double rmsDistance(double[] other) {
    return rmsDistance(mean, other);
  }

  static double rmsDistance(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double total = 0;
    for (int j = 0; j < a.length; j++) {
      total += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(total / a.length);
  }

  private static double[] readAndZero(List<NDArray> parameters) {
    List<Double> out = new ArrayList<>();
    for (NDArray p : parameters) {
      NDArray g = p.getGradient();
      for (float v : g.toFloatArray()) {
        out.add((double) v);
      }
      g.subi(g);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
