package org.varl.experiments.repr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the representation comparison measured.
 *
 * @param config the settings
 * @param runs one per variant and seed, in run order
 * @param images frames, reconstructions and a latent traversal of the first seed's VAE (empty when
 *     {@code vae-z} did not run)
 */
public record RepresentationResult(
    RepresentationConfig config, List<Run> runs, Optional<Images> images) {

  /** One point of a learning curve: an evaluation after {@code step} environment steps. */
  public record Point(long step, double mean, double std) {}

  /**
   * Linear-probe R² on held-out frames (fit on one half, scored on the other): cos θ and sin θ from
   * the newest frame's features, θ̇ from the stack's; NaN when the features outnumber the fitting
   * rows (raw pixels).
   */
  public record Probe(double cosTheta, double sinTheta, double thetaDot) {}

  /**
   * One SAC run.
   *
   * @param variant the variant's label ({@code state}, {@code vae-z}, {@code pixels}, {@code
   *     pixels-mlp} …)
   * @param seed the seed
   * @param evalReturn the final evaluation's mean return
   * @param evalStd its population standard deviation
   * @param wallSeconds the SAC run's wall time (environment steps, updates, evaluations)
   * @param representationSeconds the VAE's collection and training before the run (0 otherwise)
   * @param steps environment steps
   * @param updates gradient updates
   * @param curve the evaluations in step order
   * @param probe the observation's probe R²
   */
  public record Run(
      String variant,
      long seed,
      double evalReturn,
      double evalStd,
      double wallSeconds,
      double representationSeconds,
      long steps,
      long updates,
      List<Point> curve,
      Probe probe) {

    /** Environment steps per second of the SAC run. */
    public double stepsPerSecond() {
      return steps / wallSeconds;
    }

    /** Updates per second of the SAC run. */
    public double updatesPerSecond() {
      return updates / wallSeconds;
    }
  }

  /**
   * Pictures of the first seed's VAE: {@code frames[i]} and {@code reconstructions[i]} ({@code
   * size²} values in [0, 1]), and the decoded traversal, row {@code j} of {@code steps} images
   * along latent axis j from −{@code range} to +{@code range} around the first frame's mean.
   */
  public record Images(
      int size,
      float[][] frames,
      float[][] reconstructions,
      float[][] traversal,
      int latent,
      int steps,
      double range) {}

  /** The variant labels in run order. */
  public List<String> labels() {
    LinkedHashSet<String> l = new LinkedHashSet<>();
    runs.forEach(r -> l.add(r.variant()));
    return new ArrayList<>(l);
  }

  /** The runs of {@code label}. */
  public List<Run> runsOf(String label) {
    return runs.stream().filter(r -> r.variant().equals(label)).toList();
  }

  /** The median final evaluation return of {@code label} over its seeds. */
  public double medianReturn(String label) {
    return median(runsOf(label).stream().mapToDouble(Run::evalReturn).toArray());
  }

  /** The median SAC wall seconds of {@code label}. */
  public double medianWallSeconds(String label) {
    return median(runsOf(label).stream().mapToDouble(Run::wallSeconds).toArray());
  }

  /** The median of each probe R² of {@code label}. */
  public Probe medianProbe(String label) {
    List<Run> r = runsOf(label);
    return new Probe(
        median(r.stream().mapToDouble(x -> x.probe().cosTheta()).toArray()),
        median(r.stream().mapToDouble(x -> x.probe().sinTheta()).toArray()),
        median(r.stream().mapToDouble(x -> x.probe().thetaDot()).toArray()));
  }

  /** The median of {@code v} (the mean of the middle two for an even count); NaN when empty. */
  public static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
