package org.varl.models.vae;

/**
 * One row of {@code metrics.csv}. Losses are in nats per example, summed over the D coordinates of
 * x.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training objective over the epoch's steps, per example ({@code recon + beta
 *     kl}; for IWAE the negative bound {@code -L_K})
 * @param testLoss negative ELBO on the test set (beta = 1, one z per example), per example
 * @param kl mean {@code KL(q(z|x) || p(z))} over the epoch's training batches, per example
 * @param recon mean training objective minus beta times kl, per example ({@code -E_q log p(x|z)}
 *     for pathwise and score; for IWAE the part of {@code -L_K} not explained by the KL)
 * @param epochSeconds wall time of the epoch's training steps (test evaluation and checkpoint
 *     excluded, like the PyTorch peer)
 * @param examplesPerSecond training examples per second
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double testLoss,
    double kl,
    double recon,
    double epochSeconds,
    double examplesPerSecond) {

  /** CSV header, stable names (documented in the README). */
  public static final String HEADER =
      "epoch,train_loss,test_loss,kl,recon,epoch_seconds,examples_per_second";

  /** The CSV row. */
  public String csv() {
    return String.format(
        java.util.Locale.ROOT,
        "%d,%.6f,%.6f,%.6f,%.6f,%.4f,%.1f",
        epoch,
        trainLoss,
        testLoss,
        kl,
        recon,
        epochSeconds,
        examplesPerSecond);
  }

  /** Parses a row written by {@link #csv()}. */
  public static EpochMetrics parse(String line) {
    String[] f = line.split(",");
    if (f.length != 7) {
      throw new IllegalArgumentException(
          "metrics row must have 7 fields, found " + f.length + ": '" + line + "'");
    }
    try {
      return new EpochMetrics(
          Integer.parseInt(f[0]),
          Double.parseDouble(f[1]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          Double.parseDouble(f[4]),
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metrics row is not numeric: '" + line + "'");
    }
  }
}
