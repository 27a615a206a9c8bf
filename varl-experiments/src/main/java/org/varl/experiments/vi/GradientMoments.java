package org.varl.experiments.vi;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming moments of a sequence of gradient estimates (one double[] of P parameters each), so
 * that R estimates of a 50k-parameter encoder need O(P) memory, not O(R·P): Welford's mean and
 * variance per parameter, and for each block size S the variance of the means of disjoint blocks of
 * S consecutive estimates (the variance of an S-draw estimate). Definitions of the summary
 * statistics: {@link EstimatorStats}.
 */
final class GradientMoments {

  private final int parameters;
  private final List<Integer> blockSizes;
  private final double[] mean;
  private final double[] m2;
  private final double[][] blockRunning;
  private final double[][] blockMeanSum;
  private final double[][] blockMeanSquares;
  private final int[] blocks;
  private int count;

  GradientMoments(int parameters, List<Integer> blockSizes) {
    this.parameters = parameters;
    this.blockSizes = List.copyOf(blockSizes);
    mean = new double[parameters];
    m2 = new double[parameters];
    int b = blockSizes.size();
    blockRunning = new double[b][parameters];
    blockMeanSum = new double[b][parameters];
    blockMeanSquares = new double[b][parameters];
    blocks = new int[b];
  }

  void add(double[] g) {
    if (g.length != parameters) {
      throw new IllegalArgumentException(
          "estimate has " + g.length + " entries, expected " + parameters);
    }
    count++;
    for (int j = 0; j < parameters; j++) {
      double delta = g[j] - mean[j];
      mean[j] += delta / count;
      m2[j] += delta * (g[j] - mean[j]);
    }
    for (int b = 0; b < blockSizes.size(); b++) {
      int s = blockSizes.get(b);
      double[] running = blockRunning[b];
      for (int j = 0; j < parameters; j++) {
        running[j] += g[j];
      }
      if (count % s == 0) {
        for (int j = 0; j < parameters; j++) {
          double blockMean = running[j] / s;
          blockMeanSum[b][j] += blockMean;
          blockMeanSquares[b][j] += blockMean * blockMean;
          running[j] = 0;
        }
        blocks[b]++;
      }
    }
  }

  EstimatorStats summarize(
      String problem, String name, boolean unbiased, double[] truth, double secondsPerEstimate) {
    if (truth.length != parameters) {
      throw new IllegalArgumentException(
          "true gradient has " + truth.length + " entries, expected " + parameters);
    }
    double squaredError = 0;
    double truthNorm = 0;
    double varianceSum = 0;
    double snrSum = 0;
    int snrTerms = 0;
    for (int j = 0; j < parameters; j++) {
      double var = m2[j] / (count - 1);
      squaredError += (mean[j] - truth[j]) * (mean[j] - truth[j]);
      truthNorm += truth[j] * truth[j];
      varianceSum += var;
      if (var > 0) {
        snrSum += Math.abs(mean[j]) / Math.sqrt(var);
        snrTerms++;
      }
    }
    double variance = varianceSum / parameters;
    List<Double> bySamples = new ArrayList<>();
    for (int b = 0; b < blockSizes.size(); b++) {
      if (blockSizes.get(b) == 1) {
        bySamples.add(
            variance); // identical by definition; Welford's is the more accurate of the two
        continue;
      }
      int n = blocks[b];
      double total = 0;
      for (int j = 0; j < parameters; j++) {
        double m = blockMeanSum[b][j] / n;
        total += Math.max(0, (blockMeanSquares[b][j] - n * m * m) / (n - 1));
      }
      bySamples.add(total / parameters);
    }
    return new EstimatorStats(
        problem,
        name,
        unbiased,
        parameters,
        count,
        Math.sqrt(squaredError / parameters),
        Math.sqrt(squaredError) / Math.sqrt(truthNorm),
        Math.sqrt(variance / count),
        variance,
        snrTerms == 0 ? Double.NaN : snrSum / snrTerms,
        secondsPerEstimate,
        bySamples);
  }
}
