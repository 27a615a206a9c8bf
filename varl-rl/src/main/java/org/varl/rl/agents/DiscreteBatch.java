package org.varl.rl.agents;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.rl.replay.ReplayBatch;

/**
 * A {@link ReplayBatch} of discrete actions as tensors in one step's manager: s {@code [B, d]}, a
 * {@code [B, 1]} (int64, for {@code gather}), r {@code [B]}, s′ {@code [B, d]}, terminated {@code
 * [B]}.
 */
record DiscreteBatch(
    NDArray observations,
    NDArray actions,
    NDArray rewards,
    NDArray nextObservations,
    NDArray terminated) {

  /**
   * The batch's tensors in {@code step}.
   *
   * @throws IllegalArgumentException if the batch does not fit the agent (observation dimension,
   *     one action column, an action index outside [0, actions))
   */
  static DiscreteBatch of(NDManager step, ReplayBatch batch, int observationDim, int actions) {
    if (batch.observationDim() != observationDim || batch.actionDim() != 1) {
      throw new IllegalArgumentException(
          "batch must have observation dimension "
              + observationDim
              + " and action dimension 1, found "
              + batch.observationDim()
              + " and "
              + batch.actionDim());
    }
    float[] a = batch.actions();
    long[] index = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      if (!(a[i] >= 0 && a[i] < actions) || a[i] != Math.rint(a[i])) {
        throw new IllegalArgumentException(
            "action must be an integer in [0, " + actions + "), found " + a[i] + " at index " + i);
      }
      index[i] = (long) a[i];
    }
    int b = batch.size();
    return new DiscreteBatch(
        step.create(batch.observations(), new Shape(b, observationDim)),
        step.create(index, new Shape(b, 1)),
        step.create(batch.rewards(), new Shape(b)),
        step.create(batch.nextObservations(), new Shape(b, observationDim)),
        step.create(batch.terminated(), new Shape(b)));
  }

  /** {@code values: [B, |A|]} at the batch's actions, {@code [B]}. */
  NDArray atActions(NDArray values) {
    return values.gather(actions, 1).squeeze(1);
  }

  /** One observation as a {@code [1, d]} float32 tensor in {@code step}. */
  static NDArray observation(NDManager step, double[] observation, int observationDim) {
    if (observation.length != observationDim) {
      throw new IllegalArgumentException(
          "observation must have length " + observationDim + ", found " + observation.length);
    }
    float[] x = new float[observationDim];
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(observation[i])) {
        throw new IllegalArgumentException("observation must not be NaN, found NaN at index " + i);
      }
      x[i] = (float) observation[i];
    }
    return step.create(x, new Shape(1, observationDim));
  }
}
