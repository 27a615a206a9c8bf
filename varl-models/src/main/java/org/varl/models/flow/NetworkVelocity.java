package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.models.diffusion.TimeConditionedMlp;

/**
 * The learned velocity {@code v_θ(x, t) = f_θ([x, emb(1000 t)])} of flow matching on the toy
 * network ({@link TimeConditionedMlp}; the time scale 1000 is the PyTorch peer's, so that flow
 * matching's t ∈ [0, 1] spans the embedding frequencies as DDPM's steps do). The embedding of the
 * batch's one t is computed in Java and broadcast on the engine; the Jacobian-vector product runs
 * forward mode through the MLP ({@link MlpTangents}) with a zero tangent on the embedding, as t
 * does not depend on x.
 */
public final class NetworkVelocity implements VelocityField {

  /** The peer's scale from t ∈ [0, 1] to the embedding's argument. */
  public static final double TIME_SCALE = 1000;

  private final TimeConditionedMlp net;

  public NetworkVelocity(TimeConditionedMlp net) {
    this.net = net;
  }

  @Override
  public int dimension() {
    return net.dimension();
  }

  private NDArray input(NDArray x, double t) {
    int e = net.embedding().dim();
    float[] row = new float[e];
    net.embedding().writeInto(TIME_SCALE * t, row, 0);
    long n = x.getShape().get(0);
    NDManager m = x.getManager();
    NDArray emb = m.create(row, new Shape(1, e)).broadcast(new Shape(n, e));
    return x.concat(emb, 1);
  }

  @Override
  public NDArray velocity(NDArray x, double t) {
    return net.forwardInput(input(x, t));
  }

  @Override
  public Jvp jvp(NDArray x, double t, NDArray u) {
    long n = x.getShape().get(0);
    NDArray du = u.concat(u.getManager().zeros(new Shape(n, net.embedding().dim())), 1);
    NDArray[] r = MlpTangents.jvp(net.mlp(), input(x, t), du);
    return new Jvp(r[0], r[1]);
  }
}
