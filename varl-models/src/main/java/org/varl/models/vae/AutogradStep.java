package org.varl.models.vae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.varl.core.bounds.Elbo;
import org.varl.core.bounds.ElboTerms;
import org.varl.core.bounds.Iwae;
import org.varl.core.bounds.KlTerm;
import org.varl.core.bounds.Likelihood;
import org.varl.core.distributions.Independent;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.Scalars;
import org.varl.core.kl.Kl;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;

/**
 * One training step of any VAE configuration through DJL autograd and the core library's bounds:
 * the general path (convolutional nets, Gaussian likelihood, score-function and IWAE estimators).
 * Per example, the minimized objective is
 *
 * <pre>
 *   pathwise: -log p(x|z) + beta KL(q||p),   z = mu + sigma eps            (Elbo, analytic KL)
 *   score:    same value; gradient of E_q[log p(x|z)] by the score function
 *             surrogate -[log p(x|z) + (f - b) (log q(z|x) - stop(log q(z|x)))],  f = stop(log p(x|z)),
 *             b = leave-one-out batch mean of f (unbiased since b_i ignores z_i; lower variance; the
 *             leave-one-out idea of VIMCO, Mnih and Rezende 2016, applied across the batch);
 *             b = 0 for a batch of one (no other example to average: the plain score function, still
 *             unbiased; the partial last batch of an epoch can be that small)
 *   iwae:     -L_K(x) = -logMeanExp_k [log p(x|z_k) + log p(z_k) - log q(z_k|x)]        (Iwae)
 * </pre>
 *
 * The score surrogate has the objective's value and the estimator's gradient: the added term is
 * zero in value. It is written here rather than through the core's {@code ScoreFunctionEstimator}
 * because that estimator's baselines may not look at the batch's signal values (their contract) and
 * its moving-average baseline carries state that a checkpoint would need for exact resume; the
 * leave-one-out mean needs neither. A test checks that its gradient equals the pathwise gradient in
 * expectation.
 *
 * <p>Randomness: the core draws from the engine's global generator, so the step reseeds it from
 * (run seed, epoch, step) first; a resumed run redraws the same noise.
 */
final class AutogradStep {

  private final Vae vae;
  private final TrainConfig train;

  AutogradStep(Vae vae, TrainConfig train) {
    this.vae = vae;
    this.train = train;
  }

  /**
   * Forward and backward; gradients are returned attached to x's manager and zeroed in the
   * parameters.
   */
  StepResult compute(NDArray x, int epoch, long step) {
    EngineSetup.seed(Seeds.mix(train.seed(), Streams.TRAIN_NOISE, epoch, step));
    NDManager m = x.getManager();
    List<NDArray> params = vae.parameterArrays();
    NDArray stats;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      Independent posterior = VaeLosses.posterior(vae, x, true);
      Independent prior = VaeLosses.prior(vae, x);
      Likelihood likelihood = VaeLosses.likelihood(vae, true);
      float beta = (float) train.beta();
      NDArray objective;
      NDArray recon;
      NDArray kl;
      switch (train.estimator()) {
        case PATHWISE -> {
          ElboTerms terms = Elbo.estimate(x, posterior, prior, likelihood, 1, KlTerm.ANALYTIC);
          recon = terms.reconstruction().sum().neg();
          kl = terms.kl().sum();
          objective = recon.add(Scalars.mul(kl, beta));
          collector.backward(objective);
        }
        case SCORE -> {
          NDArray z = posterior.sample(new Shape(1));
          NDArray logLik = likelihood.given(z).logProb(x); // [1, B], gradient w.r.t. theta only
          NDArray logQ = posterior.logProb(z); // [1, B], gradient w.r.t. phi
          NDArray f = logLik.stopGradient();
          long b = x.getShape().get(0);
          // b_i = (Σ_j f_j − f_i) / (B − 1) needs another example: a batch of one (0/0) has no
          // baseline.
          NDArray baseline = b > 1 ? Scalars.div(f.sum().sub(f), (float) (b - 1)) : f.zerosLike();
          NDArray scoreTerm = f.sub(baseline).mul(logQ.sub(logQ.stopGradient()));
          kl = Kl.divergence(posterior, prior).sum();
          recon = logLik.sum().neg();
          objective = recon.add(Scalars.mul(kl, beta));
          collector.backward(objective.sub(scoreTerm.sum()));
        }
        case IWAE -> {
          NDArray bound = Iwae.bound(x, posterior, prior, likelihood, train.iwaeK());
          objective = bound.sum().neg();
          kl = Kl.divergence(posterior, prior).sum();
          recon = objective.sub(kl);
          collector.backward(objective);
        }
        default -> throw new IllegalStateException("unknown estimator " + train.estimator());
      }
      stats = NDArrays.stack(new NDList(objective, recon, kl)).stopGradient();
      stats.attach(m);
    }
    // getGradient() hands out a new handle in the parameter's manager: move it to the step's
    // manager at once.
    // The PyTorch engine accumulates gradients across backward passes (DJL clears them only inside
    // its own
    // optimizers), so each gradient is copied out and then zeroed in place.
    List<NDArray> grads = new ArrayList<>(params.size());
    for (NDArray p : params) {
      NDArray handle = p.getGradient();
      handle.attach(m);
      grads.add(handle.duplicate());
      handle.subi(handle);
    }
    return new StepResult(stats, grads);
  }
}
