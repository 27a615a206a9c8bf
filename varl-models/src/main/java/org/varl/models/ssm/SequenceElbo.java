package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Normal;
import org.varl.core.engine.Scalars;
import org.varl.core.kl.Kl;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * The sequence ELBO, reparameterized through time (one draw of z_{1:T} per sequence):
 *
 * <pre>
 *   ELBO = Σ_t E_q[log p(x_t | z_t)] − E_q[KL(q(z_t | carry_t, ·) ‖ p(z_t | carry_t))]  ≤  log p(x_{1:T})
 *   z_t = μ_q,t + σ_q,t ε_t,  ε_t ~ N(0, I),  carry_{t+1} = path(carry_t, z_t, a_t)
 * </pre>
 *
 * Each KL is analytic ({@link Kl#divergence} of two diagonal Gaussians) given the sampled past, and
 * the reconstruction term uses the same draw. Reported per time step in nats (divide by T).
 *
 * <p>Per-op overhead: the loop over t holds only what must be sequential — the posterior network,
 * the reparameterization and the path's advance. The prior network, the decoder, the distributions
 * and the KL run once over the stacked {@code [B, T, ·]} arrays after the loop, so a step costs a
 * fixed number of ops plus about ten per time step for the whole batch.
 *
 * <p>The training objective may differ from the ELBO (its value is reported apart): free nats
 * replace KL_t by max(KL_t, F) (PlaNet, Hafner et al. 2019: F = 3), and KL balancing replaces KL by
 * α KL(sg(q) ‖ p) + (1 − α) KL(q ‖ sg(p)) (DreamerV2, Hafner et al. 2021: α = 0.8), whose value is
 * the KL and whose gradient moves the prior α and the posterior 1 − α of the way.
 */
public final class SequenceElbo {

  private SequenceElbo() {}

  /**
   * Options of the training objective.
   *
   * @param freeNats F ≥ 0 (0: off)
   * @param klBalancing whether to balance
   * @param klBalance α ∈ [0, 1]
   */
  public record Objective(double freeNats, boolean klBalancing, double klBalance) {

    public Objective {
      if (!(freeNats >= 0) || !Double.isFinite(freeNats)) {
        throw new IllegalArgumentException("freeNats must be finite and >= 0, found " + freeNats);
      }
      if (!(klBalance >= 0 && klBalance <= 1)) {
        throw new IllegalArgumentException("klBalance must be in [0, 1], found " + klBalance);
      }
    }

    /** The plain ELBO: no free nats, no balancing. */
    public static Objective plain() {
      return new Objective(0, false, 0.8);
    }
  }

  /**
   * The terms per sequence, nats summed over time.
   *
   * @param elbo Σ_t recon_t − KL_t, {@code [B]}
   * @param reconstruction Σ_t log p(x_t | z_t), {@code [B]}
   * @param kl Σ_t KL_t, {@code [B]}
   * @param objective Σ_t recon_t − KL'_t with the objective's KL' (free nats, balancing), {@code
   *     [B]}
   * @param klPerStep KL_t, {@code [B, T]}
   */
  public record Terms(
      NDArray elbo, NDArray reconstruction, NDArray kl, NDArray objective, NDArray klPerStep) {}

  /**
   * The terms for {@code x: [B, T, dx]}, {@code a: [B, T, da]} under {@code posterior} with noise
   * {@code eps: [T, B, dz]}, in x's manager.
   */
  public static Terms compute(
      SequenceModel model,
      NDArray x,
      NDArray a,
      Posterior posterior,
      NDArray eps,
      Objective objective) {
    Shape shape = x.getShape();
    int b = Math.toIntExact(shape.get(0));
    int steps = Math.toIntExact(shape.get(1));
    int dz = model.config().dimZ();
    NDManager m = x.getManager();
    LatentPath path = model.path();
    NDArray half = Scalars.constant(m, 0.5f);
    NDArray actions = a.transpose(1, 0, 2);
    NDArray carry = m.zeros(new Shape(b, path.carrySize()));
    NDArray[] carries = new NDArray[steps];
    NDArray[] qs = new NDArray[steps];
    NDArray[] zs = new NDArray[steps];
    for (int t = 0; t < steps; t++) {
      if (t > 0) {
        carry = path.advance(carry, zs[t - 1], actions.get(t - 1));
      }
      carries[t] = carry;
      NDArray q = posterior.at(t, carry);
      NDList muLogVar = q.split(2, q.getShape().dimension() - 1);
      NDArray sigma = Normal.clipLogVariance(muLogVar.get(1)).mul(half).exp();
      zs[t] = sigma.mul(eps.get(t)).add(muLogVar.get(0));
      qs[t] = q;
    }
    NDArray qAll = NDArrays.stack(new NDList(qs), 1);
    NDArray cAll = NDArrays.stack(new NDList(carries), 1);
    NDArray zAll = NDArrays.stack(new NDList(zs), 1);
    NDArray first = m.zeros(new Shape(b, 1, 2L * dz)).add(model.initialPrior(m));
    NDArray pAll =
        steps == 1 ? first : first.concat(model.transitionPrior(cAll.get(":, 1:, :")), 1);
    NDList qParts = qAll.split(2, qAll.getShape().dimension() - 1);
    NDList pParts = pAll.split(2, pAll.getShape().dimension() - 1);
    Distribution q = Normal.diagonalFromLogVariance(qParts.get(0), qParts.get(1));
    Distribution p = Normal.diagonalFromLogVariance(pParts.get(0), pParts.get(1));
    NDArray recon = model.logLikelihood(path.features(cAll, zAll), x);
    NDArray kl = Kl.divergence(q, p);
    NDArray klObjective = objectiveKl(kl, qParts, pParts, objective);
    NDArray reconSum = recon.sum(new int[] {1});
    NDArray klSum = kl.sum(new int[] {1});
    return new Terms(
        reconSum.sub(klSum), reconSum, klSum, reconSum.sub(klObjective.sum(new int[] {1})), kl);
  }

  /** The objective's KL per step, {@code [B, T]}. */
  static NDArray objectiveKl(NDArray kl, NDList q, NDList p, Objective objective) {
    float free = (float) objective.freeNats();
    if (!objective.klBalancing()) {
      return free > 0 ? Scalars.maximum(kl, free) : kl;
    }
    Distribution qFixed =
        Normal.diagonalFromLogVariance(q.get(0).stopGradient(), q.get(1).stopGradient());
    Distribution pFixed =
        Normal.diagonalFromLogVariance(p.get(0).stopGradient(), p.get(1).stopGradient());
    Distribution qFree = Normal.diagonalFromLogVariance(q.get(0), q.get(1));
    Distribution pFree = Normal.diagonalFromLogVariance(p.get(0), p.get(1));
    NDArray towardPrior = Kl.divergence(qFixed, pFree);
    NDArray towardPosterior = Kl.divergence(qFree, pFixed);
    if (free > 0) {
      towardPrior = Scalars.maximum(towardPrior, free);
      towardPosterior = Scalars.maximum(towardPosterior, free);
    }
    float alpha = (float) objective.klBalance();
    return Scalars.mul(towardPrior, alpha).add(Scalars.mul(towardPosterior, 1f - alpha));
  }

  /**
   * The per-sequence ELBO, reconstruction and KL (nats summed over time, each the mean of {@code
   * samples} draws) of every sequence of {@code data} under the model's own encoder, without
   * gradients, in chunks of at most 256 sequences ({@link #chunkSize}), each in its own
   * sub-manager. Draw k of chunk c comes from stream {@link Streams#EVAL_NOISE} at (c, k).
   *
   * @return {@code [3][n]}: elbo, reconstruction, kl
   */
  public static double[][] evaluate(
      NDManager manager, SequenceModel model, SequenceData data, int samples, long seed) {
    requireFits(model, data);
    int n = data.sequences();
    int steps = data.length();
    int dx = data.dimX();
    int da = data.dimA();
    int dz = model.config().dimZ();
    double[][] out = new double[3][n];
    int chunk = chunkSize(model, steps);
    for (int from = 0, c = 0; from < n; from += chunk, c++) {
      int len = Math.min(chunk, n - from);
      try (NDManager sub = manager.newSubManager()) {
        float[] xs = floats(data.x(), from * steps * dx, len * steps * dx);
        float[] as = floats(data.a(), from * steps * da, len * steps * da);
        Shape xShape = new Shape(len, steps, dx);
        Shape aShape = new Shape(len, steps, da);
        Posterior q = model.posterior(sub.create(xs, xShape));
        for (int k = 0; k < samples; k++) {
          // each draw in its own scope (x created there, so the ops' results land there): the
          // conv decoder's activations are freed before the next draw
          try (NDManager draw = sub.newSubManager()) {
            NDArray x = draw.create(xs, xShape);
            NDArray a = draw.create(as, aShape);
            NDArray eps =
                NoiseStream.normal(draw, new Shape(steps, len, dz), seed, Streams.EVAL_NOISE, c, k);
            Terms t = compute(model, x, a, q, eps, Objective.plain());
            NDArray stacked = NDArrays.stack(new NDList(t.elbo(), t.reconstruction(), t.kl()), 0);
            float[] all = stacked.toFloatArray();
            for (int i = 0; i < len; i++) {
              for (int r = 0; r < 3; r++) {
                out[r][from + i] += all[r * len + i] / (double) samples;
              }
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Frames per evaluation chunk of a conv model: its activations, not its sequences, set the peak.
   */
  static final int CONV_CHUNK_FRAMES = 2048;

  /**
   * Sequences per evaluation chunk: 256, or for a conv model as many as fit {@value
   * #CONV_CHUNK_FRAMES} frames (at least one); the eval noise's coordinates follow the chunks.
   */
  static int chunkSize(SequenceModel model, int steps) {
    return model.config().conv() ? Math.max(1, Math.min(256, CONV_CHUNK_FRAMES / steps)) : 256;
  }

  static float[] floats(double[] v, int from, int len) {
    float[] f = new float[len];
    for (int i = 0; i < len; i++) {
      f[i] = (float) v[from + i];
    }
    return f;
  }

  /**
   * @throws IllegalArgumentException if the data's observation or action size is not the model's
   */
  public static void requireFits(SequenceModel model, SequenceData data) {
    SsmConfig c = model.config();
    if (data.dimX() != c.dimX() || data.dimA() != c.dimA()) {
      throw new IllegalArgumentException(
          "the data have "
              + data.dimX()
              + " observation and "
              + data.dimA()
              + " action columns, the model expects "
              + c.dimX()
              + " and "
              + c.dimA());
    }
  }
}
