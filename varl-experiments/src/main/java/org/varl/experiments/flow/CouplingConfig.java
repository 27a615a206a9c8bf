package org.varl.experiments.flow;

import org.varl.experiments.ConfigChecks;

/**
 * I-CFM vs OT-CFM: both trained for {@code steps} steps of {@code batchSize} on {@code data} from
 * {@code seed} with the peer's network and optimizer, then sampled by Euler at every NFE of {@code
 * nfes} from the same {@code count} noise points; {@code paths} of them are kept for the figure.
 */
public record CouplingConfig(
    String data, int steps, int batchSize, int count, int[] nfes, int paths, long seed) {

  public CouplingConfig {
    ConfigChecks.requireAtLeast("steps", steps, 1);
    ConfigChecks.requireAtLeast("batch-size", batchSize, 2);
    ConfigChecks.requireAtLeast("count", count, 2);
    ConfigChecks.requireAtLeast("paths", paths, 0);
    if (nfes == null || nfes.length == 0) {
      throw new IllegalArgumentException("nfes must list at least one NFE");
    }
    for (int i = 0; i < nfes.length; i++) {
      ConfigChecks.requireAtLeast("nfes[" + i + "]", nfes[i], 1);
    }
    nfes = nfes.clone();
  }

  /**
   * The tour's budget: 1200 steps of 128 pairs per coupling on 8gaussians (the exact assignment is
   * O(n³) per batch), 1000 samples, NFE 1 .. 100.
   */
  public static CouplingConfig defaults() {
    return new CouplingConfig(
        "8gaussians", 1200, 128, 1000, new int[] {1, 2, 4, 8, 16, 100}, 60, 1);
  }

  @Override
  public int[] nfes() {
    return nfes.clone();
  }

  public CouplingConfig withSteps(int v) {
    return new CouplingConfig(data, v, batchSize, count, nfes, paths, seed);
  }

  public CouplingConfig withBatchSize(int v) {
    return new CouplingConfig(data, steps, v, count, nfes, paths, seed);
  }

  public CouplingConfig withCount(int v) {
    return new CouplingConfig(data, steps, batchSize, v, nfes, paths, seed);
  }

  public CouplingConfig withNfes(int... v) {
    return new CouplingConfig(data, steps, batchSize, count, v, paths, seed);
  }

  public CouplingConfig withSeed(long v) {
    return new CouplingConfig(data, steps, batchSize, count, nfes, paths, v);
  }
}
