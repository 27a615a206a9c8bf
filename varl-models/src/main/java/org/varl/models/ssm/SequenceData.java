package org.varl.models.ssm;

import java.util.Arrays;

/**
 * Equal-length sequences of observations and actions, row-major: {@code x[(s·T + t)·dimX + j]} is
 * observation dimension j of sequence s at step t (0-based), {@code a[(s·T + t)·dimA + k]} the
 * action taken at step t (it acts on the transition to t + 1; the last step's action is recorded
 * and unused).
 *
 * @param sequences number of sequences n
 * @param length steps per sequence T
 * @param dimX observation dimension
 * @param dimA action dimension (0: no actions)
 * @param x observations, {@code n·T·dimX} values
 * @param a actions, {@code n·T·dimA} values
 */
public record SequenceData(int sequences, int length, int dimX, int dimA, double[] x, double[] a) {

  public SequenceData {
    if (sequences < 1) {
      throw new IllegalArgumentException("sequences must be >= 1, found " + sequences);
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, found " + length);
    }
    if (dimX < 1) {
      throw new IllegalArgumentException("dimX must be >= 1, found " + dimX);
    }
    if (dimA < 0) {
      throw new IllegalArgumentException("dimA must be >= 0, found " + dimA);
    }
    long steps = (long) sequences * length;
    if (x == null || x.length != steps * dimX) {
      throw new IllegalArgumentException(
          "x must hold sequences × length × dimX = "
              + steps * dimX
              + " values, found "
              + (x == null ? 0 : x.length));
    }
    if (a == null || a.length != steps * dimA) {
      throw new IllegalArgumentException(
          "a must hold sequences × length × dimA = "
              + steps * dimA
              + " values, found "
              + (a == null ? 0 : a.length));
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            "x must be finite, found " + x[i] + " at sequence " + i / (length * dimX));
      }
    }
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(
            "a must be finite, found " + a[i] + " at sequence " + i / (length * dimA));
      }
    }
  }

  /** Sequences {@code [from, to)} as their own data set. */
  public SequenceData slice(int from, int to) {
    if (from < 0 || to > sequences || from >= to) {
      throw new IllegalArgumentException(
          "slice [" + from + ", " + to + ") is not inside [0, " + sequences + ")");
    }
    int sx = length * dimX;
    int sa = length * dimA;
    return new SequenceData(
        to - from,
        length,
        dimX,
        dimA,
        Arrays.copyOfRange(x, from * sx, to * sx),
        Arrays.copyOfRange(a, from * sa, to * sa));
  }

  /**
   * The split: the first {@code n − ⌊n/5⌋} sequences train, the last 20% (at least one when
   * n ≥ 2) are held out.
   */
  public int trainCount() {
    int held = Math.max(sequences >= 2 ? 1 : 0, sequences / 5);
    return sequences - held;
  }

  /** The training split (the first {@link #trainCount()} sequences). */
  public SequenceData train() {
    return slice(0, trainCount());
  }

  /** The held-out split (the last 20%). */
  public SequenceData heldOut() {
    if (trainCount() == sequences) {
      throw new IllegalArgumentException(
          "a held-out split needs at least 2 sequences, found " + sequences);
    }
    return slice(trainCount(), sequences);
  }

  /** Observations of sequence s as {@code [T][dimX]}. */
  public double[][] observations(int s) {
    double[][] o = new double[length][dimX];
    for (int t = 0; t < length; t++) {
      System.arraycopy(x, (s * length + t) * dimX, o[t], 0, dimX);
    }
    return o;
  }

  /** Actions of sequence s as {@code [T][dimA]}. */
  public double[][] actions(int s) {
    double[][] o = new double[length][dimA];
    for (int t = 0; t < length; t++) {
      System.arraycopy(a, (s * length + t) * dimA, o[t], 0, dimA);
    }
    return o;
  }
}
