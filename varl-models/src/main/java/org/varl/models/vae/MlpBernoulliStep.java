package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.distributions.Normal;

/**
 * One step of the default VAE (MLP, Bernoulli decoder, pathwise gradient, analytic KL) with the
 * backward pass derived by hand: a dozen matrix products instead of DJL's autograd graph, which is
 * what makes the benchmark fast.
 *
 * <p>Forward, for a batch {@code x [B, D]} and noise {@code eps [B, L]} (W's are {@code [out, in]}
 * as in DJL/PyTorch):
 *
 * <pre>
 *   a1 = x W1^T + b1,  h1 = relu(a1),  [mu, v] = h1 W2^T + b2,  lv = clip(v, ±170),  sigma = exp(lv / 2),
 *   z = mu + sigma * eps                           (the clip is Normal.clipLogVariance, the autograd path's rule)
 *   a3 = z W3^T + b3,  h3 = relu(a3),  l = h3 W4^T + b4
 *   objective = sum_b [ sum_d (softplus(l) - x l) + beta * KL ],  KL = 1/2 sum_j (mu^2 + sigma^2 - 1 - lv)
 * </pre>
 *
 * Backward (chain rule, {@code d softplus(l)/dl = sigmoid(l)}, {@code relu'(a) = [h > 0]}):
 *
 * <pre>
 *   dl = sigmoid(l) - x;          dW4 = dl^T h3,  db4 = sum_b dl,  dh3 = dl W4
 *   da3 = dh3 [h3 > 0];           dW3 = da3^T z,  db3 = sum_b da3, dz = da3 W3
 *   dmu = dz + beta mu;           dv = [|v| <= 170] (dz eps sigma + beta (sigma^2 - 1)) / 2
 *   de = [dmu, dv];               dW2 = de^T h1,  db2 = sum_b de,  dh1 = de W2
 *   da1 = dh1 [h1 > 0];           dW1 = da1^T x,  db1 = sum_b da1
 * </pre>
 *
 * A test checks these against DJL autograd on the same model and noise. Every array created here is
 * attached to the manager of {@code x} (the step's manager): each op's first operand is a step
 * array.
 */
final class MlpBernoulliStep {

  private final NDArray w1;
  private final NDArray b1;
  private final NDArray w2;
  private final NDArray b2;
  private final NDArray w3;
  private final NDArray b3;
  private final NDArray w4;
  private final NDArray b4;
  private final int latent;
  private final float beta;

  /**
   * Binds to the model's parameter storage (detached views: updates to the parameters are seen
   * here).
   */
  MlpBernoulliStep(Vae vae, double beta) {
    if (!vae.config().hasAnalyticBackward()) {
      throw new IllegalArgumentException(
          "the analytic step needs arch mlp and likelihood bernoulli, found "
              + vae.config().architecture().id()
              + "/"
              + vae.config().likelihood().id());
    }
    List<NDArray> p = vae.parameterArrays();
    w1 = p.get(0).stopGradient();
    b1 = p.get(1).stopGradient();
    w2 = p.get(2).stopGradient();
    b2 = p.get(3).stopGradient();
    w3 = p.get(4).stopGradient();
    b3 = p.get(5).stopGradient();
    w4 = p.get(6).stopGradient();
    b4 = p.get(7).stopGradient();
    latent = vae.config().latent();
    this.beta = (float) beta;
  }

  /** Forward and backward for one batch; see the class javadoc for the formulas. */
  StepResult compute(NDArray x, NDArray eps) {
    NDArray a1 = linear(x, w1, b1);
    NDArray h1 = a1.getNDArrayInternal().relu();
    NDArray e = linear(h1, w2, b2);
    NDArray mu = e.get(new NDIndex(":, :{}", latent));
    // log σ² clipped by the core's rule (Normal.clipLogVariance), as on the autograd path; clip's
    // derivative,
    // 1 inside the range and 0 outside, masks dv below.
    NDArray rawLv = e.get(new NDIndex(":, {}:", latent));
    NDArray lv = Normal.clipLogVariance(rawLv);
    NDArray lvInRange = rawLv.eq(lv).toType(DataType.FLOAT32, false);
    NDArray sigma = lv.mul(0.5f).exp();
    NDArray se = sigma.mul(eps);
    NDArray z = se.add(mu);
    NDArray a3 = linear(z, w3, b3);
    NDArray h3 = a3.getNDArrayInternal().relu();
    NDArray l = linear(h3, w4, b4);

    // -log p(x|z) summed over pixels and batch: softplus(l) - x l.
    NDArray recon = l.getNDArrayInternal().softPlus().sub(x.mul(l)).sum();
    // 2 KL summed over the batch, minus nothing yet: sum(mu^2 + sigma^2 - lv) - B L, then halved.
    NDArray var = sigma.square();
    NDArray klSum =
        mu.square().add(var).sub(lv).sum().sub((float) x.getShape().get(0) * latent).mul(0.5f);
    NDArray stats = NDArrays.stack(new NDList(recon.add(klSum.mul(beta)), recon, klSum));

    NDArray dl = l.getNDArrayInternal().sigmoid().sub(x);
    NDArray gw4 = dl.transpose().matMul(h3);
    NDArray gb4 = dl.sum(new int[] {0});
    NDArray da3 = dl.matMul(w4).mul(h3.sign());
    NDArray gw3 = da3.transpose().matMul(z);
    NDArray gb3 = da3.sum(new int[] {0});
    NDArray dz = da3.matMul(w3);
    NDArray dmu = dz.add(mu.mul(beta));
    NDArray dv = dz.mul(se).add(var.sub(1f).mul(beta)).mul(0.5f).mul(lvInRange);
    NDArray de = dmu.concat(dv, 1);
    NDArray gw2 = de.transpose().matMul(h1);
    NDArray gb2 = de.sum(new int[] {0});
    NDArray da1 = de.matMul(w2).mul(h1.sign());
    NDArray gw1 = da1.transpose().matMul(x);
    NDArray gb1 = da1.sum(new int[] {0});
    List<NDArray> grads = new ArrayList<>(List.of(gw1, gb1, gw2, gb2, gw3, gb3, gw4, gb4));
    return new StepResult(stats, grads);
  }

  /**
   * {@code input W^T + b} in one native call (torch.nn.functional.linear), attached to input's
   * manager.
   */
  private static NDArray linear(NDArray input, NDArray weight, NDArray bias) {
    return input.getNDArrayInternal().linear(input, weight, bias).singletonOrThrow();
  }
}
