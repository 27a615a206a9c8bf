package org.varl.core.experiments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A one-hidden-layer tanh network {@code y = W₂ tanh(W₁ x + b₁) + b₂} on raw arrays (the experiments' encoder),
 * Glorot-uniform initialized from the seeded engine generator (Glorot and Bengio 2010).
 */
final class Mlp {

  final NDArray w1;
  final NDArray b1;
  final NDArray w2;
  final NDArray b2;

  Mlp(NDManager root, int in, int hidden, int out) {
    w1 = glorot(root, in, hidden);
    b1 = root.zeros(new Shape(hidden), DataType.FLOAT32);
    w2 = glorot(root, hidden, out);
    b2 = root.zeros(new Shape(out), DataType.FLOAT32);
    for (NDArray p : parameters()) {
      p.setRequiresGradient(true);
    }
  }

  private static NDArray glorot(NDManager root, int in, int out) {
    float limit = (float) Math.sqrt(6.0 / (in + out));
    return root.randomUniform(-limit, limit, new Shape(in, out), DataType.FLOAT32);
  }

  /** Stops gradients to the weights (a fixed decoder): no gradient is recorded or accumulated for them. */
  void freeze() {
    for (NDArray p : parameters()) {
      p.setRequiresGradient(false);
    }
  }

  List<NDArray> parameters() {
    return List.of(w1, b1, w2, b2);
  }

  long parameterCount() {
    long n = 0;
    for (NDArray p : parameters()) {
      n += p.size();
    }
    return n;
  }

  NDArray forward(NDArray x) {
    return x.matMul(w1).add(b1).tanh().matMul(w2).add(b2);
  }
}
