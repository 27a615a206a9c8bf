package org.varl.models.flow;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;

/**
 * Forward-mode differentiation of an {@link Mlp}: {@code y = mlp(h)} together with the directional
 * derivative {@code ẏ = ∂y/∂h · ḣ}, layer by layer,
 *
 * <pre>
 *   a_l = h_l W_lᵀ + b_l,   ȧ_l = ḣ_l W_lᵀ,   h_{l+1} = φ(a_l),   ḣ_{l+1} = φ'(a_l) ⊙ ȧ_l,
 *   φ'(a) = σ(a) (1 + a (1 − σ(a)))  for SiLU,   1 − tanh²(a) for tanh,   [a > 0] for ReLU
 * </pre>
 *
 * Why forward mode: the divergence of a velocity network needs Jacobian-vector products with
 * respect to the input and no parameter gradient, which DJL's reverse mode would only give through
 * a {@code GradientCollector} (one open at a time) with a backward pass per output dimension. Here
 * one pass costs twice the linear layers of a forward pass and no graph is recorded.
 */
public final class MlpTangents {

  private MlpTangents() {}

  /** {@code [y, ẏ]} for input h and tangent ḣ, both {@code [n, in]}; results in h's manager. */
  public static NDArray[] jvp(Mlp mlp, NDArray h, NDArray tangent) {
    List<NDArray> p = mlp.parameters();
    int layers = p.size() / 2;
    Activation phi = mlp.activation();
    NDArray x = h;
    NDArray dx = tangent;
    for (int l = 0; l < layers; l++) {
      NDArray w = p.get(2 * l);
      NDArray b = p.get(2 * l + 1);
      NDArray a = x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
      NDArray da = dx.getNDArrayInternal().linear(dx, w, null).singletonOrThrow();
      if (l == layers - 1) {
        return new NDArray[] {a, da};
      }
      x = phi.apply(a);
      dx = derivative(phi, a, x).mul(da);
    }
    throw new IllegalStateException("an mlp has at least one layer");
  }

  /** {@code φ'(a)}, given {@code φ(a)} as well. */
  private static NDArray derivative(Activation phi, NDArray a, NDArray phiA) {
    return switch (phi) {
      case SILU -> {
        NDArray s = a.getNDArrayInternal().sigmoid();
        yield s.add(phiA.mul(s.neg().add(1f)));
      }
      case TANH -> phiA.square().neg().add(1f);
      case RELU -> a.gt(0f).toType(a.getDataType(), false);
      case IDENTITY -> a.onesLike();
    };
  }
}
