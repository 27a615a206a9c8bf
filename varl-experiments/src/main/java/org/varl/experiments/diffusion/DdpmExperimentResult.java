package org.varl.experiments.diffusion;

import org.varl.models.diffusion.BoundResult;
import org.varl.models.diffusion.DdpmResult;
import org.varl.models.diffusion.DdpmSampler;
import org.varl.models.quality.SampleQuality;

/**
 * What {@link DdpmExperiment} measured.
 *
 * @param trained the training run
 * @param samples the ancestral samples and a few paths
 * @param quality the samples against fresh data and the true density
 * @param bound the term-by-term bound on held-out data
 * @param entropy the data's entropy in nats (NaN when unknown)
 * @param sampleSeconds wall time of the sampler
 * @param boundSeconds wall time of the bound
 */
public record DdpmExperimentResult(
    DdpmResult trained,
    DdpmSampler.Samples samples,
    SampleQuality quality,
    BoundResult bound,
    double entropy,
    double sampleSeconds,
    double boundSeconds) {

  /**
   * The share of Σ_{t≥2} L_{t−1} that falls in the first tenth of the steps (t ≤ T/10): where the
   * bound spends its nats.
   */
  public double earlyShare() {
    double[] m = bound.termMean();
    int cut = Math.max(2, m.length / 10);
    double early = 0;
    double all = 0;
    for (int t = 2; t <= m.length; t++) {
      all += m[t - 1];
      if (t <= cut) {
        early += m[t - 1];
      }
    }
    return all > 0 ? early / all : Double.NaN;
  }
}
