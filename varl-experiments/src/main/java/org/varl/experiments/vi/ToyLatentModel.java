package org.varl.experiments.vi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.varl.core.bounds.Likelihood;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Mlp;

/**
 * A known nonlinear latent-variable model and data drawn from it, the common ground of both
 * experiments:
 *
 * <pre>
 *   z ~ N(0, I_d),   x | z ~ Bernoulli(logits = W₂ tanh(W₁ z + b₁) + b₂),   x ∈ {0, 1}^D
 * </pre>
 *
 * The decoder weights are drawn once from the seeded engine generator (W₁ with scale 1.5, W₂ with
 * scale 1.5, so that posteriors are informative and non-Gaussian) and then fixed: the experiments
 * study inference only. The data are {@code n} draws from the model.
 */
final class ToyLatentModel {

  final int latentDim;
  final int dataDim;
  final NDArray w1;
  final NDArray b1;
  final NDArray w2;
  final NDArray b2;
  final NDArray data;
  private final Mlp decoder;

  ToyLatentModel(NDManager root, int latentDim, int hidden, int dataDim, int n) {
    this.latentDim = latentDim;
    this.dataDim = dataDim;
    // Weights in the [out, in] layout of the core's Mlp, which evaluates the decoder.
    w1 = root.randomNormal(0f, 1.5f, new Shape(hidden, latentDim), DataType.FLOAT32);
    b1 = root.randomNormal(0f, 0.5f, new Shape(hidden), DataType.FLOAT32);
    w2 =
        root.randomNormal(
            0f,
            (float) (1.5 / Math.sqrt(hidden) * 2),
            new Shape(dataDim, hidden),
            DataType.FLOAT32);
    b2 = root.randomNormal(0f, 0.5f, new Shape(dataDim), DataType.FLOAT32);
    decoder = Mlp.of(Activation.TANH, List.of(w1, w2), List.of(b1, b2));
    try (NDManager scope = root.newSubManager()) {
      scope.tempAttachAll(w1, b1, w2, b2);
      NDArray z = scope.randomNormal(new Shape(n, latentDim));
      NDArray x = Bernoulli.ofLogits(decoderLogits(z)).sample();
      x.attach(root);
      data = x;
    }
  }

  /** The arrays to temp-attach in a step that uses the model. */
  List<NDArray> arrays() {
    return List.of(w1, b1, w2, b2, data);
  }

  /** Decoder logits for {@code z: [..., d]}, shape {@code [..., D]}. */
  NDArray decoderLogits(NDArray z) {
    Shape lead = z.getShape().slice(0, z.getShape().dimension() - 1);
    NDArray flat = z.reshape(-1, latentDim);
    NDArray logits = decoder.forward(flat);
    return logits.reshape(lead.add(dataDim));
  }

  /** {@code p(x | z)} with batch shape {@code z}'s leading dims. */
  Likelihood likelihood() {
    return z -> Independent.of(Bernoulli.ofLogits(decoderLogits(z)), 1);
  }

  /** {@code p(z) = N(0, I_d)}, batch shape {@code ()}. */
  Distribution prior(NDManager scope) {
    return Independent.of(Normal.standard(scope, new Shape(latentDim)), 1);
  }

  /**
   * {@code log p(x, z) = log p(x | z) + log p(z)} for {@code z: [S, B, d]} and {@code x: [B, D]},
   * shape [S, B].
   */
  NDArray logJoint(NDManager scope, NDArray x, NDArray z) {
    return likelihood().given(z).logProb(x).add(prior(scope).logProb(z));
  }
}
