package org.varl.models.ssm;

/**
 * A training run of a {@link SequenceModel}.
 *
 * @param steps Adam steps (default 1500)
 * @param batchSize sequences per minibatch, drawn with replacement (default 32)
 * @param learningRate Adam's step size (default 3e-3)
 * @param freeNats per-step KL allowance of the objective: max(KL_t, freeNats) (PlaNet uses 3;
 *     default 0 = off, as it loosens the bound that is compared with the exact value here)
 * @param klBalancing whether the objective's KL is balanced (DreamerV2, Hafner et al. 2021)
 * @param klBalance the weight α of KL(sg(q) ‖ p) in α KL(sg(q) ‖ p) + (1 − α) KL(q ‖ sg(p))
 *     (DreamerV2: 0.8); the value equals the KL, only the gradients are split
 * @param evalSamples latent draws per held-out sequence when the ELBO is reported (default 4)
 * @param seed the run seed: parameters, minibatches and noise derive from it
 */
public record SsmTrainConfig(
    int steps,
    int batchSize,
    double learningRate,
    double freeNats,
    boolean klBalancing,
    double klBalance,
    int evalSamples,
    long seed) {

  public SsmTrainConfig {
    if (steps < 0 || steps > 10_000_000) {
      throw new IllegalArgumentException("steps must be in [0, 10000000], found " + steps);
    }
    if (batchSize < 1 || batchSize > 65536) {
      throw new IllegalArgumentException("batchSize must be in [1, 65536], found " + batchSize);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be finite and > 0, found " + learningRate);
    }
    if (!(freeNats >= 0) || !Double.isFinite(freeNats)) {
      throw new IllegalArgumentException("freeNats must be finite and >= 0, found " + freeNats);
    }
    if (!(klBalance >= 0 && klBalance <= 1)) {
      throw new IllegalArgumentException("klBalance must be in [0, 1], found " + klBalance);
    }
    if (evalSamples < 1 || evalSamples > 10000) {
      throw new IllegalArgumentException("evalSamples must be in [1, 10000], found " + evalSamples);
    }
  }

  /** The defaults listed on the components. */
  public static SsmTrainConfig defaults() {
    return new SsmTrainConfig(1500, 32, 3e-3, 0, false, 0.8, 4, 1);
  }

  public SsmTrainConfig withSteps(int v) {
    return new SsmTrainConfig(
        v, batchSize, learningRate, freeNats, klBalancing, klBalance, evalSamples, seed);
  }

  public SsmTrainConfig withBatchSize(int v) {
    return new SsmTrainConfig(
        steps, v, learningRate, freeNats, klBalancing, klBalance, evalSamples, seed);
  }

  public SsmTrainConfig withLearningRate(double v) {
    return new SsmTrainConfig(
        steps, batchSize, v, freeNats, klBalancing, klBalance, evalSamples, seed);
  }

  public SsmTrainConfig withFreeNats(double v) {
    return new SsmTrainConfig(
        steps, batchSize, learningRate, v, klBalancing, klBalance, evalSamples, seed);
  }

  public SsmTrainConfig withKlBalance(boolean on, double alpha) {
    return new SsmTrainConfig(
        steps, batchSize, learningRate, freeNats, on, alpha, evalSamples, seed);
  }

  public SsmTrainConfig withEvalSamples(int v) {
    return new SsmTrainConfig(
        steps, batchSize, learningRate, freeNats, klBalancing, klBalance, v, seed);
  }

  public SsmTrainConfig withSeed(long v) {
    return new SsmTrainConfig(
        steps, batchSize, learningRate, freeNats, klBalancing, klBalance, evalSamples, v);
  }

  /** The objective's options. */
  public SequenceElbo.Objective objective() {
    return new SequenceElbo.Objective(freeNats, klBalancing, klBalance);
  }
}
