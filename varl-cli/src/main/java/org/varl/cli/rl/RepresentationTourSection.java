package org.varl.cli.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.experiments.repr.RepresentationConfig;
import org.varl.experiments.repr.RepresentationExperiment;
import org.varl.experiments.repr.RepresentationResult;

/**
 * Tour section "representation": a shortened {@code varl rl representation} (state against VAE-z,
 * one seed, {@value #STEPS} SAC steps, a VAE trained {@value #VAE_EPOCHS} epochs on {@value
 * #COLLECT} random frames); the full comparison (20,000 steps, 3 seeds, raw pixels too) is a README
 * command. Every finding is computed from the run's numbers by {@link #findings}.
 */
public final class RepresentationTourSection implements TourSection {

  static final long STEPS = 4000;
  static final int COLLECT = 3000;
  static final int VAE_EPOCHS = 6;

  /** The probe target for cos θ and sin θ. */
  static final double PROBE_TARGET = 0.9;

  /** The gap to the state variant (at its 20,000-step budget). */
  static final double RETURN_GAP = 150;

  /** The wall-time bound of VAE-z against the state variant. */
  static final double WALL_RATIO = 1.5;

  @Override
  public String id() {
    return "representation";
  }

  @Override
  public String title() {
    return "Representation learning: SAC on a VAE's latent z of pixel frames";
  }

  /** The shortened comparison the tour runs. */
  static RepresentationConfig config(long seed) {
    return RepresentationConfig.defaults()
        .withSteps(STEPS)
        .withSeeds(1, seed)
        .withVae(COLLECT, VAE_EPOCHS, 8, 256)
        .withEvaluation(1000, 5)
        .withProbeFrames(2000)
        .withVariants(List.of("state", "vae-z"));
  }

  @Override
  public TourResult run(TourContext context) {
    RepresentationConfig config = config(context.seed());
    RepresentationResult r;
    try (ProgressListener bar = new ProgressListener("tour representation", "step")) {
      r = RepresentationExperiment.run(config, bar);
    }
    Outputs.all(
        () -> {
          RepresentationFiles.write(context.dir(), r);
          return null;
        });
    List<TourResult.Figure> figures = new ArrayList<>();
    figures.add(
        new TourResult.Figure(
            RepresentationFiles.RECONSTRUCTIONS,
            "Held-out 32x32 frames of pendulum-pixels (top) and the VAE's reconstructions from"
                + " their latent means (bottom)."));
    figures.add(
        new TourResult.Figure(
            RepresentationFiles.TRAVERSAL,
            "Latent traversal: row j decodes the first frame's latent mean with z_j swept from -3"
                + " to 3."));
    figures.add(
        new TourResult.Figure(
            RepresentationFiles.RETURNS,
            "SAC's evaluation return against environment steps on the true state and on VAE-z."));
    return new TourResult(
        "Train a VAE on the frames in the replay buffer and run RL with its latent z as the state"
            + " instead of s: the latent is small, holds the factors of variation (the angle) and"
            + " its stack over frames the velocity, so SAC on z approaches SAC on the true state."
            + " Shortened run: one seed, "
            + STEPS
            + " SAC steps per variant, a conv VAE (latent 8 per frame, stack of 3) trained "
            + VAE_EPOCHS
            + " epochs on "
            + COLLECT
            + " random-policy frames.",
        figures,
        findings(r),
        List.of(RepresentationFiles.JSON, RepresentationFiles.CURVES));
  }

  /** The findings, each from the run's numbers; a claim that fails is flagged. */
  static List<String> findings(RepresentationResult r) {
    List<String> out = new ArrayList<>();
    List<String> labels = r.labels();
    if (labels.contains("vae-z")) {
      RepresentationResult.Probe p = r.medianProbe("vae-z");
      out.add(
          TourResult.finding(
              p.cosTheta() >= PROBE_TARGET && p.sinTheta() >= PROBE_TARGET,
              String.format(
                  Locale.ROOT,
                  "One frame's latent mean holds the angle linearly: probe R^2 cos theta %.3f, sin"
                      + " theta %.3f on held-out frames (the issue's target: >= %.1f each).",
                  p.cosTheta(),
                  p.sinTheta(),
                  PROBE_TARGET)));
      out.add(
          String.format(
              Locale.ROOT,
              "The stack of %d latents holds the angular velocity to the extent a linear map of"
                  + " them can: probe R^2 theta_dot %.3f (a single frame cannot hold it).",
              r.config().pixelOptions().frameStack(),
              p.thetaDot()));
    }
    if (labels.contains("vae-z") && labels.contains("state")) {
      double z = r.medianReturn("vae-z");
      double s = r.medianReturn("state");
      out.add(
          TourResult.finding(
              s - z <= RETURN_GAP,
              String.format(
                  Locale.ROOT,
                  "SAC on z approaches SAC on the true state after %d steps: evaluation return %.1f"
                      + " against %.1f, a gap of %.1f (claim: within %.0f).",
                  r.config().steps(),
                  z,
                  s,
                  s - z,
                  RETURN_GAP)));
      double ratio = r.medianWallSeconds("vae-z") / r.medianWallSeconds("state");
      out.add(
          TourResult.finding(
              ratio <= WALL_RATIO,
              String.format(
                  Locale.ROOT,
                  "Encoding the frames is small next to an SAC update: the VAE-z run took %.1f s"
                      + " against %.1f s on the state, %.2fx (claim: <= %.1fx); the VAE's"
                      + " collection and training took %.1f s before it.",
                  r.medianWallSeconds("vae-z"),
                  r.medianWallSeconds("state"),
                  ratio,
                  WALL_RATIO,
                  r.runsOf("vae-z").get(0).representationSeconds())));
    }
    return out;
  }
}
