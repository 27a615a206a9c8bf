package org.varl.models.cvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.Scalars;
import org.varl.core.kl.Kl;
import org.varl.core.nn.Activation;
import org.varl.core.nn.Heads;
import org.varl.core.nn.Mlp;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * A conditional VAE policy (Sohn et al. 2015, "Learning structured output representation using deep
 * conditional generative models"; as a policy: ACT, Zhao et al. 2023):
 *
 * <pre>
 *   encoder  q_φ(z | s, a) = N(μ_φ(s, a), diag σ²_φ(s, a))     MLP on [s, a] → [μ | log σ²]
 *   decoder  p_θ(a | s, z) = N(μ_θ(s, z), diag σ²_θ(s, z))     MLP on [s, z] → [μ | log σ²]
 *   prior    p(z | s) = N(0, I), or learned p_ψ(z | s) = N(μ_ψ(s), diag σ²_ψ(s))   MLP on s
 *
 *   loss(s, a) = −ELBO_β = −log p_θ(a | s, z) + β · KL(q_φ(z | s, a) ‖ p(z | s)),
 *                z = μ_φ + σ_φ ⊙ ε,  ε ~ N(0, I)   (one reparameterized draw)
 * </pre>
 *
 * in nats per example, the log-likelihood summed over action dimensions, the KL analytic ({@link
 * Kl#divergence}). Log-variances are clipped as {@link Normal#fromLogVariance} does. Shapes: {@code
 * s: [B, stateDim]}, {@code a: [B, actionDim]}, {@code z: [B, latent]}.
 *
 * <p>Every network has {@code layers} tanh hidden layers of {@code hidden} units; parameters are
 * drawn from one generator in the order encoder, decoder, prior, so the policy is a pure function
 * of the seed.
 */
public final class CvaePolicy {

  private final int stateDim;
  private final int actionDim;
  private final int latent;
  private final Mlp encoder;
  private final Mlp decoder;
  private final Mlp prior;

  private CvaePolicy(int stateDim, int actionDim, int latent, Mlp encoder, Mlp decoder, Mlp prior) {
    this.stateDim = stateDim;
    this.actionDim = actionDim;
    this.latent = latent;
    this.encoder = encoder;
    this.decoder = decoder;
    this.prior = prior;
  }

  /** A freshly initialized policy in {@code manager} from the config's seed. */
  public static CvaePolicy create(
      NDManager manager, CvaeConfig config, int stateDim, int actionDim) {
    if (stateDim < 1) {
      throw new IllegalArgumentException("stateDim must be >= 1, found " + stateDim);
    }
    if (actionDim < 1) {
      throw new IllegalArgumentException("actionDim must be >= 1, found " + actionDim);
    }
    SplittableRandom random = NoiseStream.generator(config.seed(), Streams.PARAMETERS);
    int k = config.latent();
    Mlp enc =
        Mlp.create(manager, Activation.TANH, random, config.widths(stateDim + actionDim, 2 * k));
    Mlp dec =
        Mlp.create(manager, Activation.TANH, random, config.widths(stateDim + k, 2 * actionDim));
    Mlp pri =
        config.learnedPrior()
            ? Mlp.create(manager, Activation.TANH, random, config.widths(stateDim, 2 * k))
            : null;
    return new CvaePolicy(stateDim, actionDim, k, enc, dec, pri);
  }

  public int stateDim() {
    return stateDim;
  }

  public int actionDim() {
    return actionDim;
  }

  public int latent() {
    return latent;
  }

  public boolean hasLearnedPrior() {
    return prior != null;
  }

  /** q_φ(z | s, a), batch {@code [B]}, event {@code [latent]}. */
  public Independent encoder(NDArray s, NDArray a) {
    requireColumns("s", s, stateDim);
    requireColumns("a", a, actionDim);
    return Heads.diagonalNormal(encoder.forward(NDArrays.concat(new NDList(s, a), 1)));
  }

  /** p_θ(a | s, z), batch {@code [B]}, event {@code [actionDim]}. */
  public Independent decoder(NDArray s, NDArray z) {
    requireColumns("s", s, stateDim);
    requireColumns("z", z, latent);
    return Heads.diagonalNormal(decoder.forward(NDArrays.concat(new NDList(s, z), 1)));
  }

  /** The prior over z given s: N(0, I) or the learned p_ψ(z | s); batch {@code [B]}. */
  public Independent prior(NDArray s) {
    requireColumns("s", s, stateDim);
    if (prior == null) {
      long b = s.getShape().get(0);
      return Independent.of(Normal.standard(s.getManager(), new Shape(b, latent)), 1);
    }
    return Heads.diagonalNormal(prior.forward(s));
  }

  /**
   * The per-example loss {@code [B]}: −log p_θ(a | s, z) + β·KL(q_φ ‖ prior) with z = μ_φ + σ_φ ⊙ ε
   * for the given {@code eps: [B, latent]}.
   */
  public Loss loss(NDArray s, NDArray a, NDArray eps, double beta) {
    requireColumns("eps", eps, latent);
    Independent q = encoder(s, a);
    Normal qBase = (Normal) q.base();
    NDArray z = eps.mul(qBase.scale()).add(qBase.loc());
    NDArray reconstruction = decoder(s, z).logProb(a).neg();
    NDArray kl = Kl.divergence(q, prior(s));
    NDArray total = reconstruction.add(Scalars.mul(kl, (float) beta));
    return new Loss(total, reconstruction, kl);
  }

  /** The terms of the loss, each {@code [B]}, nats per example. */
  public record Loss(NDArray total, NDArray reconstruction, NDArray kl) {}

  /** The decoder's mean action μ_θ(s, z) {@code [B, actionDim]} for a z chosen by the caller. */
  public NDArray act(NDArray s, NDArray z) {
    return decoder(s, z).mean();
  }

  /** An action drawn from p_θ(a | s, z) with the given {@code eps: [B, actionDim]}: μ + σ ⊙ ε. */
  public NDArray sampleAction(NDArray s, NDArray z, NDArray eps) {
    requireColumns("eps", eps, actionDim);
    Normal d = (Normal) decoder(s, z).base();
    return eps.mul(d.scale()).add(d.loc());
  }

  /**
   * z drawn from the prior with the given {@code eps: [B, latent]}: μ_p(s) + σ_p(s) ⊙ ε (ε itself
   * for N(0, I)); {@code eps = 0} gives the prior mean (ACT's choice at test time).
   */
  public NDArray priorLatent(NDArray s, NDArray eps) {
    requireColumns("eps", eps, latent);
    Normal p = (Normal) prior(s).base();
    return eps.mul(p.scale()).add(p.loc());
  }

  /** Every trainable parameter, encoder then decoder then prior (the checkpoint order). */
  public List<NDArray> parameters() {
    List<NDArray> out = new ArrayList<>(encoder.parameters());
    out.addAll(decoder.parameters());
    if (prior != null) {
      out.addAll(prior.parameters());
    }
    return Collections.unmodifiableList(out);
  }

  /** Names matching {@link #parameters()}: {@code encoder.layers.0.weight}, ... */
  public List<String> parameterNames() {
    List<String> out = new ArrayList<>();
    encoder.parameterNames().forEach(n -> out.add("encoder." + n));
    decoder.parameterNames().forEach(n -> out.add("decoder." + n));
    if (prior != null) {
      prior.parameterNames().forEach(n -> out.add("prior." + n));
    }
    return Collections.unmodifiableList(out);
  }

  private static void requireColumns(String name, NDArray x, int columns) {
    Shape shape = x.getShape();
    if (shape.dimension() != 2 || shape.get(1) != columns) {
      throw new IllegalArgumentException(
          name + " must have shape [B, " + columns + "], found " + shape);
    }
  }
}
