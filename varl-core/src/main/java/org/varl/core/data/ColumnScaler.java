package org.varl.core.data;

import java.util.Arrays;

/**
 * A per-column affine map {@code x' = (x - offset[j]) / scale[j]}, optionally clipped to [0, 1],
 * fitted on one data set (the training split) and applied unchanged to others (the test split). See
 * {@link CsvScaling} for the two fits.
 *
 * <p>{@link #invert} maps model outputs back to the file's units (clipping is not undone).
 */
public final class ColumnScaler {

  private final double[] offset;
  private final double[] scale;
  private final boolean clip;

  private ColumnScaler(double[] offset, double[] scale, boolean clip) {
    this.offset = offset;
    this.scale = scale;
    this.clip = clip;
  }

  /**
   * Fits the scaling to {@code data}'s columns: min-max for {@link CsvScaling#UNIT_RANGE} (offset =
   * min, scale = max - min), mean and population standard deviation for {@link
   * CsvScaling#STANDARDIZE}, identity for {@link CsvScaling#NONE}. A constant column gets scale 1,
   * so it maps to 0 instead of dividing by zero.
   */
  public static ColumnScaler fit(ArrayDataset data, CsvScaling scaling) {
    int d = data.dimension();
    int n = data.size();
    float[] x = data.features();
    double[] offset = new double[d];
    double[] scale = new double[d];
    Arrays.fill(scale, 1.0);
    switch (scaling) {
      case NONE -> {
        return new ColumnScaler(offset, scale, false);
      }
      case UNIT_RANGE -> {
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            double v = x[i * d + j];
            min[j] = Math.min(min[j], v);
            max[j] = Math.max(max[j], v);
          }
        }
        for (int j = 0; j < d; j++) {
          offset[j] = n == 0 ? 0 : min[j];
          double range = max[j] - min[j];
          scale[j] = range > 0 ? range : 1.0;
        }
        return new ColumnScaler(offset, scale, true);
      }
      default -> {
        // Two passes (mean, then squared deviations) in double: stable for the magnitudes of CSV
        // data.
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            offset[j] += x[i * d + j];
          }
        }
        double[] var = new double[d];
        for (int j = 0; j < d; j++) {
          offset[j] = n == 0 ? 0 : offset[j] / n;
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            double dev = x[i * d + j] - offset[j];
            var[j] += dev * dev;
          }
        }
        for (int j = 0; j < d; j++) {
          double std = n == 0 ? 0 : Math.sqrt(var[j] / n);
          scale[j] = std > 0 ? std : 1.0;
        }
        return new ColumnScaler(offset, scale, false);
      }
    }
  }

  /** The scaled copy of {@code data} (same labels, factors, name). */
  public ArrayDataset apply(ArrayDataset data) {
    data.requireDimension(offset.length, "the scaler's column count");
    int d = offset.length;
    float[] x = data.features();
    float[] y = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      int j = k % d;
      double v = (x[k] - offset[j]) / scale[j];
      if (clip) {
        v = Math.min(1.0, Math.max(0.0, v));
      }
      y[k] = (float) v;
    }
    ArrayDataset out = ArrayDataset.wrap(data.name(), y, d);
    if (data.labels().isPresent()) {
      out = out.withLabels(data.labels().get());
    }
    if (data.factors().isPresent()) {
      out = out.withFactors(data.factorNames(), data.factors().get());
    }
    if (data.isImage()) {
      int[] shape = data.imageShape();
      out = out.withImageShape(shape[0], shape[1]);
    }
    return out;
  }

  /** Maps one scaled row back to the original units: {@code x = x' * scale[j] + offset[j]}. */
  public float[] invert(float[] row) {
    if (row.length != offset.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values, expected " + offset.length);
    }
    float[] out = new float[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (float) (row[j] * scale[j] + offset[j]);
    }
    return out;
  }

  /** A copy of the per-column offsets (min or mean). */
  public double[] offset() {
    return offset.clone();
  }

  /** A copy of the per-column scales (range or standard deviation; 1 for constant columns). */
  public double[] scale() {
    return scale.clone();
  }
}
