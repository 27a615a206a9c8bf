package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;

/**
 * A small nonlinear test field {@code v(x, t) = mlp([x, t])} (d + 1 → 16 → 16 → d, SiLU) in
 * float64, so that finite differences resolve its Jacobian to ~1e-9.
 */
final class TimeMlpField implements VelocityField {

  final Mlp mlp;
  final int d;

  TimeMlpField(NDManager manager, int d, long seed) {
    Mlp f32 = Mlp.create(manager, Activation.SILU, seed, d + 1, 16, 16, d);
    List<NDArray> w = new ArrayList<>();
    List<NDArray> b = new ArrayList<>();
    for (int i = 0; i < f32.parameters().size(); i += 2) {
      w.add(f32.parameters().get(i).toType(DataType.FLOAT64, false));
      b.add(f32.parameters().get(i + 1).toType(DataType.FLOAT64, false));
    }
    this.mlp = Mlp.of(Activation.SILU, w, b);
    this.d = d;
  }

  @Override
  public int dimension() {
    return d;
  }

  private NDArray input(NDArray x, double t) {
    long n = x.getShape().get(0);
    return NDArrays.concat(
        new NDList(x, x.getManager().full(new Shape(n, 1), (float) t, x.getDataType())), 1);
  }

  @Override
  public NDArray velocity(NDArray x, double t) {
    return mlp.forward(input(x, t));
  }

  @Override
  public Jvp jvp(NDArray x, double t, NDArray u) {
    long n = x.getShape().get(0);
    NDArray du =
        NDArrays.concat(new NDList(u, u.getManager().zeros(new Shape(n, 1), u.getDataType())), 1);
    NDArray[] r = MlpTangents.jvp(mlp, input(x, t), du);
    return new Jvp(r[0], r[1]);
  }
}
