package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.engine.TensorViews;

/**
 * A gated recurrent unit cell (Cho et al. 2014), PyTorch's {@code nn.GRUCell} equations and layout:
 *
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),   u = σ(W_iz x + b_iz + W_hz h + b_hz),
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 − u) ⊙ n + u ⊙ h
 * </pre>
 *
 * with {@code weightIh: [3H, in]} (rows r, z, n), {@code weightHh: [3H, H]}, biases {@code [3H]},
 * initialized U(±1/√H). The input side is a separate call ({@link #project}) so a whole sequence is
 * projected in one op before the loop; each step then costs one matrix product and a few
 * elementwise ops.
 */
final class Gru {

  private final int hiddenSize;
  private final NDArray weightIh;
  private final NDArray biasIh;
  private final NDArray weightHh;
  private final NDArray biasHh;

  private Gru(int hiddenSize, NDArray wi, NDArray bi, NDArray wh, NDArray bh) {
    this.hiddenSize = hiddenSize;
    this.weightIh = wi;
    this.biasIh = bi;
    this.weightHh = wh;
    this.biasHh = bh;
  }

  static Gru create(NDManager manager, SplittableRandom random, int inputSize, int hiddenSize) {
    double bound = 1.0 / Math.sqrt(hiddenSize);
    return new Gru(
        hiddenSize,
        uniform(manager, random, bound, new Shape(3L * hiddenSize, inputSize)),
        uniform(manager, random, bound, new Shape(3L * hiddenSize)),
        uniform(manager, random, bound, new Shape(3L * hiddenSize, hiddenSize)),
        uniform(manager, random, bound, new Shape(3L * hiddenSize)));
  }

  static NDArray uniform(NDManager manager, SplittableRandom random, double bound, Shape shape) {
    float[] v = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    NDArray a = manager.zeros(shape, DataType.FLOAT32);
    TensorViews.write(a, v);
    a.setRequiresGradient(true);
    return a;
  }

  /** {@code W_i x + b_i} for {@code x: [..., in]}: {@code [..., 3H]}. */
  NDArray project(NDArray x) {
    return x.getNDArrayInternal().linear(x, weightIh, biasIh).singletonOrThrow();
  }

  /** One step from the projected input {@code gx: [B, 3H]} and {@code h: [B, H]}. */
  NDArray step(NDArray gx, NDArray h) {
    NDArray gh = h.getNDArrayInternal().linear(h, weightHh, biasHh).singletonOrThrow();
    NDList xs = gx.split(3, gx.getShape().dimension() - 1);
    NDList hs = gh.split(3, gh.getShape().dimension() - 1);
    NDArray r = xs.get(0).add(hs.get(0)).getNDArrayInternal().sigmoid();
    NDArray u = xs.get(1).add(hs.get(1)).getNDArrayInternal().sigmoid();
    NDArray n = xs.get(2).add(r.mul(hs.get(2))).tanh();
    return n.add(u.mul(h.sub(n)));
  }

  int hiddenSize() {
    return hiddenSize;
  }

  List<NDArray> parameters() {
    return List.of(weightIh, biasIh, weightHh, biasHh);
  }

  static List<String> parameterNames(String prefix) {
    return List.of(
        prefix + "weight_ih", prefix + "bias_ih", prefix + "weight_hh", prefix + "bias_hh");
  }
}
