package org.varl.cli.imitation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.experiments.imitation.CompareConfig;
import org.varl.experiments.imitation.CompareExperiment;
import org.varl.experiments.imitation.CompareResult;
import org.varl.experiments.imitation.ImitationPolicyKind;
import org.varl.rl.env.Obstacle;
import org.varl.rl.imitation.DemoFiles;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.Demonstrations;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstacleModes;
import org.varl.rl.imitation.eval.ObstacleRollout;
import org.varl.rl.imitation.eval.RolloutOutcome;

/**
 * Tour section "imitation": {@value #EPISODES} expert demonstrations on the one-disc obstacle task,
 * then {@code varl imitation compare} on them with one seed (the tour's) and every policy at its
 * defaults; the full comparison (3 seeds, and two discs) is a README command. Every finding is
 * computed from the run's numbers by {@link #findings} and flagged when its claim fails.
 */
public final class ImitationTourSection implements TourSection {

  /** Demonstration episodes (the 200). */
  static final int EPISODES = 200;

  /** The targets for the CVAE with z drawn once per episode. */
  static final double TARGET_SUCCESS = 0.9;

  static final double TARGET_ENTROPY = 0.8;

  /** "Averages the modes and steers into the obstacle": at least half the episodes collide. */
  static final double AVERAGING_COLLISION = 0.5;

  /** "Deterministic (entropy near 0)": the behaviour entropy of z = 0 at most this. */
  static final double NEAR_ZERO_ENTROPY = 0.2;

  @Override
  public String id() {
    return "imitation";
  }

  @Override
  public String title() {
    return "Multimodal imitation: conditional VAE policies against behaviour cloning";
  }

  @Override
  public TourResult run(TourContext context) {
    List<DemoRow> rows = Demonstrations.generate(1, EPISODES, context.seed());
    CompareConfig config = CompareConfig.defaults().withSeeds(1).withSeed(context.seed());
    CompareResult r;
    try (ProgressListener bar = new ProgressListener("tour imitation", "unit")) {
      r = CompareExperiment.run(config, 1, rows, bar);
    }
    Outputs.all(
        () -> {
          List<java.nio.file.Path> files =
              new ArrayList<>(CompareFiles.write(context.dir(), r, rows));
          files.addAll(
              DemoFiles.write(context.dir().resolve("demos"), 1, EPISODES, context.seed(), rows));
          return files;
        });
    List<TourResult.Figure> figures = new ArrayList<>();
    figures.add(
        new TourResult.Figure(
            CompareFiles.PNG,
            "The expert's demonstrations (colour = side of the disc) and the first "
                + CompareFiles.DRAWN
                + " evaluation rollouts of each policy and z choice (red: collision, grey: timeout)."));
    if (r.latentMeans().isPresent()) {
      figures.add(
          new TourResult.Figure(
              CompareFiles.LATENTS,
              "The CVAE encoder's posterior means mu_phi(s, a) of every demonstration step,"
                  + " coloured by the side the expert took."));
    }
    return new TourResult(
        "A conditional model p(a | s, z) whose latent z represents the modes of the action"
            + " distribution imitates an expert that passes an obstacle on either side: z drawn"
            + " once per episode commits to one side, while a unimodal Gaussian fit of the same"
            + " demonstrations averages the sides and steers into the obstacle. Scored with D3IL's"
            + " success rate and behaviour entropy, "
            + EPISODES
            + " demonstrations, one seed, "
            + config.episodes()
            + " evaluation episodes per policy.",
        figures,
        findings(r),
        List.of(CompareFiles.CSV, CompareFiles.MD, "demos/" + DemoFiles.CSV));
  }

  private static CompareResult.Summary find(
      CompareResult r, ImitationPolicyKind kind, LatentChoice z) {
    for (CompareResult.Summary s : r.summaries()) {
      if (s.policy() == kind && s.z() == z) {
        return s;
      }
    }
    return null;
  }

  private static int index(CompareResult r, CompareResult.Summary s) {
    return r.summaries().indexOf(s);
  }

  /**
   * Of the successful rollouts, the fraction whose side (mode) is the side of the start state's x:
   * 1 when a deterministic policy's mode is decided by where it starts.
   */
  static double sideFollowsStart(List<ObstacleRollout> rollouts) {
    Obstacle task = new Obstacle(1);
    int success = 0;
    int same = 0;
    for (ObstacleRollout ro : rollouts) {
      if (ro.outcome() == RolloutOutcome.SUCCESS) {
        success++;
        boolean right = ObstacleModes.mode(task, ro) == 1;
        if (right == (ro.positions().get(0)[0] > 0)) {
          same++;
        }
      }
    }
    return success == 0 ? Double.NaN : same / (double) success;
  }

  /** The findings, each from the run's numbers; a claim that fails is flagged. */
  static List<String> findings(CompareResult r) {
    List<String> out = new ArrayList<>();
    CompareResult.Summary cvae = find(r, ImitationPolicyKind.CVAE, LatentChoice.PER_EPISODE);
    if (cvae != null) {
      boolean holds =
          cvae.success().mean() >= TARGET_SUCCESS && cvae.entropy().mean() >= TARGET_ENTROPY;
      out.add(
          TourResult.finding(
              holds,
              String.format(
                  Locale.ROOT,
                  "The CVAE with z drawn once per episode keeps both sides: success %.3f and"
                      + " behaviour entropy %.3f (the issue's targets: >= %.1f and >= %.1f), side"
                      + " fractions %s.",
                  cvae.success().mean(),
                  cvae.entropy().mean(),
                  TARGET_SUCCESS,
                  TARGET_ENTROPY,
                  CompareFiles.fractions(cvae.modeFractions()))));
    }
    CompareResult.Summary bc = find(r, ImitationPolicyKind.BC_GAUSSIAN, null);
    if (bc != null) {
      out.add(
          TourResult.finding(
              bc.collision().mean() >= AVERAGING_COLLISION,
              String.format(
                  Locale.ROOT,
                  "Gaussian behaviour cloning averages the two sides into the disc: collision rate"
                      + " %.3f (claim: >= %.1f), success %.3f, behaviour entropy %.3f.",
                  bc.collision().mean(),
                  AVERAGING_COLLISION,
                  bc.success().mean(),
                  bc.entropy().mean())));
      out.add(
          String.format(
              Locale.ROOT,
              "At the start the average is visible: the first action's mean |dx| is %.4f for"
                  + " Gaussian BC against the expert's %.4f (full speed to one side is 0.045);"
                  + " the start noise N(0, 0.02^2) then breaks the tie and the state says which side"
                  + " it is on.",
              bc.firstDx().mean(),
              r.expertFirstDx()));
    }
    CompareResult.Summary zero = find(r, ImitationPolicyKind.CVAE, LatentChoice.ZERO);
    if (zero != null) {
      out.add(
          TourResult.finding(
              zero.entropy().mean() <= NEAR_ZERO_ENTROPY,
              String.format(
                  Locale.ROOT,
                  "z = 0 (ACT's prior mean) is deterministic and commits to one side: behaviour"
                      + " entropy %.3f (claim: <= %.1f), success %.3f; of its successes %.3f pass"
                      + " on the side where they started (a deterministic policy of the state still"
                      + " varies with the start).",
                  zero.entropy().mean(),
                  NEAR_ZERO_ENTROPY,
                  zero.success().mean(),
                  sideFollowsStart(r.rollouts().get(index(r, zero))))));
    }
    CompareResult.Summary step = find(r, ImitationPolicyKind.CVAE, LatentChoice.PER_STEP);
    if (step != null && cvae != null) {
      out.add(
          TourResult.finding(
              step.jerk().mean() > cvae.jerk().mean(),
              String.format(
                  Locale.ROOT,
                  "A fresh z every step makes the actions jerkier than z held for the episode: mean"
                      + " jerk %.2e against %.2e; success %.3f against %.3f.",
                  step.jerk().mean(),
                  cvae.jerk().mean(),
                  step.success().mean(),
                  cvae.success().mean())));
    }
    CompareResult.Summary diffusion = find(r, ImitationPolicyKind.DIFFUSION, null);
    if (diffusion != null) {
      boolean holds =
          diffusion.success().mean() >= TARGET_SUCCESS
              && diffusion.entropy().mean() >= TARGET_ENTROPY;
      out.add(
          TourResult.finding(
              holds,
              String.format(
                  Locale.ROOT,
                  "The diffusion policy, multimodal at every step, keeps both sides: success %.3f,"
                      + " behaviour entropy %.3f (claim: >= %.1f and >= %.1f).",
                  diffusion.success().mean(),
                  diffusion.entropy().mean(),
                  TARGET_SUCCESS,
                  TARGET_ENTROPY)));
    }
    return out;
  }
}
