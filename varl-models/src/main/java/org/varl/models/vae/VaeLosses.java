package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.varl.core.bounds.Likelihood;
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.Scalars;

/**
 * The VAE's terms in closed form, per batch, without autograd: used to score the test set after
 * every epoch.
 *
 * <pre>
 *   -log p(x|z) = sum_d softplus(l_d) - x_d l_d                         (Bernoulli logits l)
 *               = sum_d (x_d - m_d)^2 / (2 s^2) + log s + log(2 pi)/2   (Gaussian mean m, scale s)
 *   KL(N(mu, sigma^2) || N(0, I)) = 1/2 sum_j (mu_j^2 + sigma_j^2 - 1 - log sigma_j^2)
 * </pre>
 *
 * (Kingma and Welling 2014, appendix B for the KL.)
 */
public final class VaeLosses {

  private VaeLosses() {}

  /**
   * {@code [recon_sum, kl_sum]} over the batch for one draw {@code z = mu + sigma eps}; arrays
   * attach to x's manager.
   */
  public static NDArray negativeElboSums(Vae vae, NDArray x, NDArray eps) {
    NDList enc = vae.encode(x, false);
    NDArray mu = enc.get(0);
    NDArray logVar = Normal.clipLogVariance(enc.get(1)); // the rule of the training paths
    NDArray sigma = Scalars.mul(logVar, 0.5f).exp();
    NDArray z = sigma.mul(eps).add(mu);
    NDArray out = vae.decode(z, false);
    NDArray recon = reconstructionSum(vae.config(), x, out);
    NDArray kl =
        Scalars.mul(
            mu.square()
                .add(sigma.square())
                .sub(logVar)
                .sum()
                .sub((float) x.getShape().get(0) * vae.config().latent()),
            0.5f);
    return NDArrays.stack(new NDList(recon, kl));
  }

  /** {@code -sum log p(x|z)} over the batch and coordinates, given the decoder output. */
  static NDArray reconstructionSum(VaeConfig config, NDArray x, NDArray decoded) {
    if (config.likelihood() == org.varl.models.vae.Likelihood.BERNOULLI) {
      return decoded.getNDArrayInternal().softPlus().sub(x.mul(decoded)).sum();
    }
    double s = config.observationScale();
    float constant = (float) (Math.log(s) + 0.5 * Math.log(2 * Math.PI));
    return Scalars.mul(Scalars.div(x.sub(decoded), (float) s).square(), 0.5f).add(constant).sum();
  }

  /**
   * The decoder as the core library's likelihood {@code z -> p(x|z)}: {@code z [S, B, latent]} to a
   * distribution of batch shape {@code [S, B]} and event shape {@code [D]}.
   */
  public static Likelihood likelihood(Vae vae, boolean training) {
    VaeConfig c = vae.config();
    return z -> {
      NDArray out = vae.decode(z, training);
      Distribution base =
          c.likelihood() == org.varl.models.vae.Likelihood.BERNOULLI
              ? Bernoulli.ofLogits(out)
              : Normal.of(out, Scalars.mul(out.onesLike(), (float) c.observationScale()));
      return Independent.of(base, 1);
    };
  }

  /**
   * {@code q(z|x)} as a diagonal Gaussian of batch shape {@code [B]}, event shape {@code [latent]}.
   */
  public static Independent posterior(Vae vae, NDArray x, boolean training) {
    NDList enc = vae.encode(x, training);
    return Normal.diagonalFromLogVariance(enc.get(0), enc.get(1));
  }

  /** The prior {@code N(0, I)} over {@code [latent]}, in x's manager. */
  public static Independent prior(Vae vae, NDArray x) {
    return Independent.of(
        Normal.standard(x.getManager(), new ai.djl.ndarray.types.Shape(vae.config().latent())), 1);
  }
}
