package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The filtering belief of a {@link SequenceModel} kept online, one observation at a time:
 *
 * <pre>
 *   reset(x_0):        carry_0 = 0,                          z_0 = E_q[z_0 | carry_0, x_0]
 *   step(a_{t−1}, x_t): carry_t = path(carry_{t−1}, z_{t−1}, a_{t−1}),  z_t = E_q[z_t | carry_t, x_t]
 *   belief_t = [z_t]  (Markov path)   or   [z_t, h_t = carry_t]  (RSSM)
 * </pre>
 *
 * the posterior means (no sampling), as {@link SsmPrediction#filter} computes them for a whole
 * sequence. The state lives in Java arrays between calls and every update runs in its own
 * sub-manager of the model's, so nothing native accumulates; the belief is a copy (detached: no
 * gradient reaches the model). Needs a filtering encoder (a smoothing one would need the future).
 */
public final class SsmFilter {

  private final SequenceModel model;
  private final NDManager manager;
  private float[] carry;
  private float[] z;
  private boolean started;

  /**
   * A filter over {@code model}, whose arrays live in {@code manager} (the model's or a parent of
   * it).
   *
   * @throws IllegalArgumentException if the model's encoder is not filtering
   */
  public SsmFilter(SequenceModel model, NDManager manager) {
    if (model.config().encoder() != SsmEncoder.FILTERING) {
      throw new IllegalArgumentException(
          "an online belief needs a filtering encoder, the model's is "
              + model.config().encoder().id());
    }
    this.model = model;
    this.manager = manager;
  }

  /** Size of the belief: dz, plus the size of h_t for the RSSM. */
  public int dimension() {
    SsmConfig c = model.config();
    return c.dimZ() + (c.recurrent() ? c.deterministic() : 0);
  }

  /** Observation size the model reads. */
  public int observationSize() {
    return model.config().dimX();
  }

  /** Starts an episode at {@code x_0}; returns belief_0. */
  public double[] reset(double[] frame) {
    carry = new float[model.path().carrySize()];
    z = null;
    started = true;
    return update(null, frame);
  }

  /** Advances by the action taken from the last observation and the new one; returns belief_t. */
  public double[] step(double[] action, double[] frame) {
    if (!started) {
      throw new IllegalStateException("step before reset");
    }
    return update(action, frame);
  }

  private double[] update(double[] action, double[] frame) {
    SsmConfig c = model.config();
    if (frame.length != c.dimX()) {
      throw new IllegalArgumentException(
          "the model reads observations of " + c.dimX() + " values, found " + frame.length);
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray h = m.create(carry, new Shape(1, carry.length));
      if (action != null) {
        if (action.length != c.dimA()) {
          throw new IllegalArgumentException(
              "the model takes actions of " + c.dimA() + " values, found " + action.length);
        }
        NDArray a = m.create(toFloats(action), new Shape(1, c.dimA()));
        NDArray zPrev = m.create(z, new Shape(1, c.dimZ()));
        h = model.path().advance(h, zPrev, a);
      }
      NDArray x = m.create(toFloats(frame), new Shape(1, 1, c.dimX()));
      NDArray q = model.posterior(x).at(0, h);
      z = q.get(":, :" + c.dimZ()).toFloatArray();
      carry = h.toFloatArray();
    }
    double[] belief = new double[dimension()];
    for (int j = 0; j < z.length; j++) {
      belief[j] = z[j];
    }
    if (c.recurrent()) {
      for (int j = 0; j < carry.length; j++) {
        belief[z.length + j] = carry[j];
      }
    }
    return belief;
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
