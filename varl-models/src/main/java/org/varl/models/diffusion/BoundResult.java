package org.varl.models.diffusion;

/**
 * The negative ELBO of a DDPM on held-out data, term by term, in nats per example.
 *
 * @param examples n
 * @param termMean {@code termMean[t − 1]} = mean over examples of L_{t−1}, t = 1..T (index 0 is L_0
 *     = −log p_θ(x_0 | x_1))
 * @param termSe their standard errors
 * @param priorMean mean of L_T = KL(q(x_T | x_0) ‖ N(0, I))
 * @param priorSe its standard error
 * @param negElbo the mean over examples of L_T + Σ_t L_{t−1}
 * @param negElboSe its standard error (of the per-example totals)
 * @param oneSampleMean the one-sample estimate T · L_{t−1} + L_T (t uniform per example, fresh
 *     x_t), averaged over examples: an unbiased estimate of negElbo's expectation
 * @param oneSampleSe its standard error
 */
public record BoundResult(
    int examples,
    double[] termMean,
    double[] termSe,
    double priorMean,
    double priorSe,
    double negElbo,
    double negElboSe,
    double oneSampleMean,
    double oneSampleSe) {

  /** Copies the arrays. */
  public BoundResult {
    termMean = termMean.clone();
    termSe = termSe.clone();
  }

  @Override
  public double[] termMean() {
    return termMean.clone();
  }

  @Override
  public double[] termSe() {
    return termSe.clone();
  }

  /**
   * Whether the one-sample estimate agrees with the exact sum within {@code z} combined standard
   * errors.
   */
  public boolean oneSampleAgrees(double z) {
    return Math.abs(oneSampleMean - negElbo)
        <= z * Math.sqrt(oneSampleSe * oneSampleSe + negElboSe * negElboSe);
  }
}
