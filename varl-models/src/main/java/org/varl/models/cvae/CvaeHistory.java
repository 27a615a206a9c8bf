package org.varl.models.cvae;

import java.util.Arrays;

/**
 * The per-step training history: the minibatch means of −ELBO_β ({@code train/loss}), of −log p_θ(a
 * | s, z) ({@code train/reconstruction}) and of KL(q_φ ‖ prior) ({@code train/kl}), nats per
 * example.
 */
public final class CvaeHistory {

  private double[] rows;
  private int size;

  CvaeHistory(int capacity) {
    rows = new double[3 * Math.max(capacity, 1)];
  }

  static CvaeHistory of(double[] flat) {
    if (flat.length % 3 != 0) {
      throw new IllegalArgumentException(
          "history must hold a multiple of 3 values, found " + flat.length);
    }
    CvaeHistory h = new CvaeHistory(flat.length / 3);
    System.arraycopy(flat, 0, h.rows, 0, flat.length);
    h.size = flat.length / 3;
    return h;
  }

  void add(double[] row) {
    if (3 * size == rows.length) {
      rows = Arrays.copyOf(rows, 2 * rows.length);
    }
    System.arraycopy(row, 0, rows, 3 * size, 3);
    size++;
  }

  public int steps() {
    return size;
  }

  public double loss(int step) {
    return rows[3 * check(step)];
  }

  public double reconstruction(int step) {
    return rows[3 * check(step) + 1];
  }

  public double kl(int step) {
    return rows[3 * check(step) + 2];
  }

  /** Row-major {@code [steps, 3]}: loss, reconstruction, kl. */
  public double[] flatten() {
    return Arrays.copyOf(rows, 3 * size);
  }

  private int check(int step) {
    if (step < 0 || step >= size) {
      throw new IllegalArgumentException("step must be in [0, " + size + "), found " + step);
    }
    return step;
  }
}
