package org.varl.models.bc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** A behaviour-cloning policy: a per-example loss to minimise and a deterministic action. */
public interface BcPolicy {

  /** The state dimension. */
  int stateDim();

  /** The action dimension. */
  int actionDim();

  /** The per-example loss {@code [B]} for {@code s: [B, stateDim]}, {@code a: [B, actionDim]}. */
  NDArray loss(NDArray s, NDArray a);

  /** The action the policy takes, {@code [B, actionDim]}: its mean. */
  NDArray act(NDArray s);

  /** Every trainable parameter. */
  List<NDArray> parameters();

  /** Names matching {@link #parameters()} (the checkpoint's keys). */
  List<String> parameterNames();

  /** An IllegalArgumentException unless {@code x} is {@code [B, columns]}. */
  static void requireColumns(String name, NDArray x, int columns) {
    Shape shape = x.getShape();
    if (shape.dimension() != 2 || shape.get(1) != columns) {
      throw new IllegalArgumentException(
          name + " must have shape [B, " + columns + "], found " + shape);
    }
  }
}
