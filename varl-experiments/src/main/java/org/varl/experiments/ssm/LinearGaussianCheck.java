package org.varl.experiments.ssm;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.varl.experiments.Listener;
import org.varl.models.ssm.Kalman;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SequenceElbo;
import org.varl.models.ssm.SsmEncoder;
import org.varl.models.ssm.SsmTrainer;

/**
 * The bound against the exact value: sample linear-Gaussian sequences, train the sequence VAE with
 * the filtering and with the smoothing encoder, and report on the held-out sequences each ELBO per
 * step beside the Kalman filter's log p(x_{1:T}) per step. Expected: ELBO ≤ log p(x) (up to Monte
 * Carlo error), and the smoothing encoder — which conditions on x_{t:T}, as the true posterior
 * factor p(z_t | z_{t−1}, x_{t:T}) does — closer to it than the filtering encoder.
 */
public final class LinearGaussianCheck {

  private LinearGaussianCheck() {}

  /**
   * One encoder's outcome.
   *
   * @param encoder which encoder
   * @param elboPerStep mean held-out ELBO per step (nats)
   * @param gapPerStep mean of (log p(x) − ELBO) / T over held-out sequences
   * @param gapSe its standard error over sequences
   * @param history the training minibatch terms {@code [steps][3]} (ELBO, recon, KL per step)
   * @param seconds training wall time
   */
  public record EncoderResult(
      SsmEncoder encoder,
      double elboPerStep,
      double gapPerStep,
      double gapSe,
      double[][] history,
      double seconds) {}

  /**
   * @param kalmanPerStep the exact held-out log p(x) per step
   * @param untrainedElboPerStep the filtering model's held-out ELBO per step before training
   * @param filtering the filtering encoder's outcome
   * @param smoothing the smoothing encoder's outcome
   * @param heldOut held-out sequences
   * @param length steps per sequence
   */
  public record Result(
      double kalmanPerStep,
      double untrainedElboPerStep,
      EncoderResult filtering,
      EncoderResult smoothing,
      int heldOut,
      int length) {}

  public static Result run(LinearGaussianCheckConfig config, Listener listener) {
    LinearGaussianSsm truth =
        LinearGaussianSsm.random(config.dimZ(), config.dimX(), config.dimA(), config.seed());
    SequenceData all = truth.sample(config.sequences(), config.length(), config.seed());
    SequenceData train = all.train();
    SequenceData held = all.heldOut();
    double[] exact = Kalman.logLikelihoods(truth, held);
    int t = all.length();
    double kalman = 0;
    for (double v : exact) {
      kalman += v / t / exact.length;
    }
    List<EncoderResult> results = new ArrayList<>();
    double untrained = Double.NaN;
    try (NDManager m = NDManager.newBaseManager()) {
      for (SsmEncoder encoder : SsmEncoder.values()) {
        listener.stage("train " + encoder.id() + " encoder", config.steps());
        long start = System.nanoTime();
        SsmTrainer.Run run =
            SsmTrainer.train(
                m,
                config.model().withEncoder(encoder),
                config.train(),
                train,
                (k, total, e, r, kl) -> listener.advance(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] elbo =
            SequenceElbo.evaluate(m, run.model(), held, config.evalSamples(), config.seed())[0];
        if (encoder == SsmEncoder.FILTERING) {
          try (NDManager fresh = m.newSubManager()) {
            double[] u =
                SequenceElbo.evaluate(
                    fresh,
                    org.varl.models.ssm.SequenceModel.create(fresh, config.model(), config.seed()),
                    held,
                    config.evalSamples(),
                    config.seed())[0];
            untrained = mean(u) / t;
          }
        }
        double[] gap = new double[elbo.length];
        for (int i = 0; i < gap.length; i++) {
          gap[i] = (exact[i] - elbo[i]) / t;
        }
        results.add(
            new EncoderResult(encoder, mean(elbo) / t, mean(gap), se(gap), run.history(), seconds));
      }
    }
    return new Result(kalman, untrained, results.get(0), results.get(1), held.sequences(), t);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double se(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / Math.max(1, v.length - 1) / v.length);
  }
}
