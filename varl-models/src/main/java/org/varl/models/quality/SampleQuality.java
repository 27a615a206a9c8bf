package org.varl.models.quality;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.varl.models.toy.EightGaussians;
import org.varl.models.toy.PointData;

/**
 * How good a model's samples are, against fresh points of the data set:
 *
 * <ul>
 *   <li>{@code energyDistance}: {@link EnergyDistance} between the samples and as many held-out
 *       points (smaller is better, 0 for equal distributions);
 *   <li>{@code w2}: exact {@link Wasserstein} W₂ between the first {@code min(n, 1000)} samples and
 *       as many held-out points (NaN when not asked for);
 *   <li>{@code sampleLogp}: the mean true log-density of the samples that lie on the support,
 *       {@code offSupport} the fraction that do not (checkerboard samples between the squares);
 *       {@code dataLogp}, the same mean over the held-out points, is minus the entropy up to Monte
 *       Carlo error: a sharp model's sampleLogp comes close to it, and a collapsed one may exceed
 *       it. NaN when the density is unknown;
 *   <li>{@code modeFractions}: for 8gaussians, the fraction of samples nearest each center (1/8
 *       each for a model that covers all modes), else empty.
 * </ul>
 *
 * @param points number of samples judged
 */
public record SampleQuality(
    int points,
    double energyDistance,
    double w2,
    double sampleLogp,
    double offSupport,
    double dataLogp,
    double[] modeFractions) {

  /** Points per set of the exact W₂ (the 1000: the assignment is O(n³)). */
  public static final int W2_POINTS = 1000;

  /** Compact constructor: copies the mode fractions. */
  public SampleQuality {
    modeFractions = modeFractions == null ? new double[0] : modeFractions.clone();
  }

  @Override
  public double[] modeFractions() {
    return modeFractions.clone();
  }

  /**
   * The metrics of {@code samples} (row-major, {@code data.dimension()} per point) against held-out
   * points drawn from {@code random}; {@code withW2} adds the exact W₂.
   */
  public static SampleQuality evaluate(
      PointData data, float[] samples, SplittableRandom random, boolean withW2) {
    int d = data.dimension();
    EnergyDistance.requireRows(samples, d, "samples");
    int n = samples.length / d;
    float[] reference = data.heldOut(n, random);
    int m = reference.length / d;
    float[] judged = m < n ? Arrays.copyOf(samples, m * d) : samples;
    double ed = EnergyDistance.of(judged, reference, d);
    double w2 = Double.NaN;
    if (withW2) {
      int k = Math.min(W2_POINTS, Math.min(n, m));
      w2 = Wasserstein.w2(Arrays.copyOf(judged, k * d), Arrays.copyOf(reference, k * d), d);
    }
    double sampleLogp = Double.NaN;
    double off = Double.NaN;
    double dataLogp = Double.NaN;
    if (data.hasLogDensity()) {
      double[] lp = data.logDensities(judged);
      double sum = 0;
      int on = 0;
      for (double v : lp) {
        if (v > Double.NEGATIVE_INFINITY) {
          sum += v;
          on++;
        }
      }
      sampleLogp = on == 0 ? Double.NaN : sum / on;
      off = 1 - on / (double) lp.length;
      double[] ld = data.logDensities(reference);
      dataLogp = Arrays.stream(ld).average().orElse(Double.NaN);
    }
    double[] modes = null;
    if (data instanceof EightGaussians) {
      modes = modeFractions(judged);
    }
    return new SampleQuality(judged.length / d, ed, w2, sampleLogp, off, dataLogp, modes);
  }

  /** The fraction of 2-D points nearest each of the 8 centers of {@link EightGaussians}. */
  public static double[] modeFractions(float[] points) {
    double[] f = new double[EightGaussians.MODES];
    int n = points.length / 2;
    for (int i = 0; i < n; i++) {
      f[EightGaussians.nearestMode(points[2 * i], points[2 * i + 1])] += 1.0 / n;
    }
    return f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampleQuality q
        && points == q.points
        && Double.compare(energyDistance, q.energyDistance) == 0
        && Double.compare(w2, q.w2) == 0
        && Double.compare(sampleLogp, q.sampleLogp) == 0
        && Double.compare(offSupport, q.offSupport) == 0
        && Double.compare(dataLogp, q.dataLogp) == 0
        && Arrays.equals(modeFractions, q.modeFractions);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hash(points, energyDistance, w2, sampleLogp, offSupport, dataLogp)
        + Arrays.hashCode(modeFractions);
  }

  @Override
  public String toString() {
    return "SampleQuality[points="
        + points
        + ", energyDistance="
        + energyDistance
        + ", w2="
        + w2
        + ", sampleLogp="
        + sampleLogp
        + ", offSupport="
        + offSupport
        + ", dataLogp="
        + dataLogp
        + ", modeFractions="
        + Arrays.toString(modeFractions)
        + "]";
  }
}
