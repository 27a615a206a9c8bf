package org.varl.models.vae;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The evaluation of a trained VAE. All values in nats per example (log-likelihoods summed over the
 * coordinates).
 *
 * @param data the run's data spec
 * @param epochs the checkpoint's finished epochs
 * @param testExamples size of the test set
 * @param negativeElbo {@code -ELBO} on the whole test set (one z per example): the same quantity as
 *     {@code test_loss} in metrics.csv
 * @param reconstruction {@code -E_q log p(x|z)} part of it
 * @param kl {@code KL(q(z|x) || p(z))} part of it
 * @param k importance samples per example
 * @param logLikelihoodExamples test examples used for the {@code log p(x)} estimate
 * @param logLikelihood importance-sampled {@code log p(x)} (mean over those examples)
 * @param elboOnSameExamples ELBO on the same examples, for comparison: {@code log p(x) >= ELBO}
 * @param probe linear-probe R^2 per generative factor (empty when the data has no factors)
 * @param seconds wall time of the evaluation
 * @param dataChange null, or one line saying that the data files differ from those the run was
 *     trained on ({@link DataChecksum}): the numbers are then on the current files
 */
public record EvalResult(
    String data,
    int epochs,
    int testExamples,
    double negativeElbo,
    double reconstruction,
    double kl,
    int k,
    int logLikelihoodExamples,
    double logLikelihood,
    double elboOnSameExamples,
    List<ProbeScore> probe,
    double seconds,
    @JsonInclude(JsonInclude.Include.NON_NULL) String dataChange) {

  /** R^2 of a linear probe from latent means to one generative factor. */
  public record ProbeScore(String factor, double r2) {}
}
