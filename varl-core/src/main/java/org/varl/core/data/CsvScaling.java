package org.varl.core.data;

/**
 * How CSV feature columns are scaled. The statistics come from the training split only and are
 * applied unchanged to the test split, so nothing about the test rows leaks into training.
 */
public enum CsvScaling {
  /**
   * Min-max per column: {@code x' = (x - min) / (max - min)}, with min and max of the training
   * rows; test values outside the training range are clipped to [0, 1]. A constant column maps to
   * 0. Suits a Bernoulli likelihood.
   */
  UNIT_RANGE,
  /**
   * Standardize per column: {@code x' = (x - mean) / std}, with the training rows' mean and
   * population standard deviation (divide by n). A constant column maps to 0. Suits a Gaussian
   * likelihood.
   */
  STANDARDIZE,
  /** Values as written in the file. */
  NONE
}
