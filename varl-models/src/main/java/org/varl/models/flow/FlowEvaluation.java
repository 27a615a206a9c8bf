package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.quality.SampleQuality;
import org.varl.models.toy.PointData;

/**
 * What a trained flow is worth: sample quality against the NFE budget, and the model's exact
 * log-likelihood of held-out points by the change of variables.
 */
public final class FlowEvaluation {

  private FlowEvaluation() {}

  /** The NFE grid of {@code varl flow quality}: 1, 2, 4, ..., 64 and 100. */
  public static final int[] NFE_GRID = {1, 2, 4, 8, 16, 32, 64, 100};

  /**
   * One row of quality.csv: the samples of one solver at one NFE ({@link SampleQuality}'s energy
   * distance and mean true log-density, NaN when unknown) and the straightness of their paths.
   */
  public record QualityRow(
      int nfe, OdeSolver solver, double energyDistance, double sampleLogp, double straightness) {}

  /** The held-out log-likelihood: per-point mean and standard error, and the data's entropy. */
  public record Nll(
      double nll,
      double nllSe,
      OptionalDouble dataEntropy,
      int points,
      ChangeOfVariables.Estimator divergence,
      OdeSolver solver,
      int nfe) {}

  /**
   * Quality rows for every solver and every NFE of {@code nfes} that pays for at least one step;
   * {@code count} samples from the same noise each time, judged against held-out points drawn from
   * stream {@code (seed, EVAL_NOISE)}.
   */
  public static List<QualityRow> quality(
      VelocityField field,
      NDManager parent,
      PointData data,
      int count,
      List<OdeSolver> solvers,
      int[] nfes,
      long seed) {
    List<QualityRow> rows = new ArrayList<>();
    for (OdeSolver solver : solvers) {
      for (int nfe : nfes) {
        if (nfe < solver.evaluationsPerStep()) {
          continue;
        }
        FlowSampling.Samples s = FlowSampling.sample(field, parent, count, solver, nfe, seed);
        SampleQuality q =
            SampleQuality.evaluate(
                data, s.points(), NoiseStream.generator(seed, Streams.EVAL_NOISE), false);
        rows.add(
            new QualityRow(s.nfe(), solver, q.energyDistance(), q.sampleLogp(), s.straightness()));
      }
    }
    return rows;
  }

  /**
   * {@code −(1/n) Σ log p_θ(x_i)} over {@code points} held-out points (stream {@code (seed,
   * TEST_NOISE)}), integrated with RK4 in {@code steps} steps, the divergence exact or Hutchinson's
   * (probes from {@code (seed, EVAL_NOISE)}).
   */
  public static Nll nll(
      VelocityField field,
      NDManager parent,
      PointData data,
      int points,
      int steps,
      ChangeOfVariables.Estimator divergence,
      long seed) {
    float[] x = data.heldOut(points, NoiseStream.generator(seed, Streams.TEST_NOISE));
    int d = data.dimension();
    int n = x.length / d;
    if (n < 2) {
      throw new IllegalArgumentException("nll needs at least 2 held-out points, found " + n);
    }
    double[] logp;
    try (NDManager m = parent.newSubManager()) {
      NDArray points0 = m.create(x, new Shape(n, d));
      logp =
          ChangeOfVariables.logLikelihood(
              field,
              points0,
              OdeSolver.RK4,
              steps,
              divergence,
              NoiseStream.generator(seed, Streams.EVAL_NOISE));
    }
    double mean = 0;
    for (double v : logp) {
      mean += v / n;
    }
    double ss = 0;
    for (double v : logp) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    return new Nll(
        -mean,
        se,
        data.entropy(),
        n,
        divergence,
        OdeSolver.RK4,
        steps * OdeSolver.RK4.evaluationsPerStep());
  }
}
