package org.varl.cli.diffusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.Json;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.experiments.diffusion.DdpmExperiment;
import org.varl.experiments.diffusion.DdpmExperimentConfig;
import org.varl.experiments.diffusion.DdpmExperimentResult;
import org.varl.models.diffusion.BoundResult;
import org.varl.models.quality.SampleQuality;
import org.varl.models.toy.PointDataSets;

/**
 * The tour's diffusion section. Part 1, DDPM: the peer's DDPM trained for 4000 steps on 8gaussians,
 * its ancestral samples over fresh data, the per-step terms of its bound, and the bound against the
 * data's entropy (about 20-40 s on one thread). Part 2 (flow matching, I-CFM vs OT-CFM on the same
 * data and network) is added by the flow branch in {@link #flowMatching}.
 */
public final class DiffusionTourSection implements TourSection {

  @Override
  public String id() {
    return "diffusion";
  }

  @Override
  public String title() {
    return "Diffusion models as hierarchical VAEs";
  }

  @Override
  public TourResult run(TourContext context) {
    List<TourResult.Figure> figures = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    ddpm(context, figures, findings, metrics);
    flowMatching(context, figures, findings, metrics);
    return new TourResult(
        "A DDPM is a hierarchical VAE with a fixed Gaussian encoder q(x_t | x_{t-1}); training its"
            + " decoder by the variational bound (or Ho et al.'s reweighted L_simple) gives a sampler"
            + " of the data, and the bound, a sum of analytic KL terms, is at least the data's"
            + " entropy.",
        figures,
        findings,
        metrics);
  }

  /** Part 1: DDPM on 8gaussians. */
  private static void ddpm(
      TourContext context,
      List<TourResult.Figure> figures,
      List<String> findings,
      List<String> metrics) {
    Path dir = context.dir().resolve("ddpm");
    DdpmExperimentConfig config =
        DdpmExperimentConfig.defaults(dir.resolve("run")).withSeed(context.seed());
    DdpmExperimentResult r;
    try (ProgressListener bar = new ProgressListener("tour diffusion", "step")) {
      r = DdpmExperiment.run(config, bar);
    }
    SampleQuality q = r.quality();
    BoundResult b = r.bound();
    var data = PointDataSets.parse(config.data(), config.seed(), null);
    DiffusionFigures.samples(
        dir.resolve("samples.png"), data, r.samples().points(), "DDPM samples over fresh data", 7);
    DiffusionFigures.trajectories(
        dir.resolve("trajectories.png"), r.samples(), "Eight ancestral paths from x_T to x_0");
    DiffusionFigures.terms(dir.resolve("terms.png"), b, "Mean KL term L_{t-1} per step");
    DiffusionFigures.termsCsv(dir.resolve("terms.csv"), b);
    Json.write(
        dir.resolve("quality.json"),
        DiffusionSampleCommand.qualityJson(
            q, org.varl.models.diffusion.Sampler.ANCESTRAL, config.diffusionSteps(), data));
    java.util.Map<String, Object> elbo = new java.util.LinkedHashMap<>();
    elbo.put("neg_elbo", b.negElbo());
    elbo.put("neg_elbo_se", b.negElboSe());
    elbo.put("data_entropy", r.entropy());
    elbo.put("L_T", b.priorMean());
    elbo.put("L_0", b.termMean()[0]);
    elbo.put("one_sample_estimate", b.oneSampleMean());
    elbo.put("one_sample_se", b.oneSampleSe());
    elbo.put("train_steps_per_second", r.trained().stepsPerSecond());
    Json.write(dir.resolve("elbo.json"), elbo);
    figures.add(
        new TourResult.Figure(
            "ddpm/samples.png",
            "2000 ancestral samples (T = 1000) of a DDPM trained 4000 steps, over 2000 fresh data points."));
    figures.add(
        new TourResult.Figure(
            "ddpm/terms.png",
            "The bound's KL terms L_{t-1} = KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)), mean over held-out points."));
    figures.add(
        new TourResult.Figure(
            "ddpm/trajectories.png", "Paths of eight samples through the reverse chain."));
    metrics.add("ddpm/run/metrics.csv");
    metrics.add("ddpm/terms.csv");
    metrics.add("ddpm/quality.json");
    metrics.add("ddpm/elbo.json");

    double[] f = q.modeFractions();
    double min = 1;
    double max = 0;
    for (double v : f) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    findings.add(
        TourResult.finding(
            min >= 0.05,
            String.format(
                Locale.ROOT,
                "Samples: every one of the 8 modes is covered (shares %.3f to %.3f, 0.125 each in the"
                    + " data); energy distance to fresh data %.4f, exact W2 %.3f on 1000 points; mean true"
                    + " log-density of the samples %.3f vs %.3f for data (%d steps at %.0f steps/s;"
                    + " sampling %.1f s, bound %.1f s).",
                min,
                max,
                q.energyDistance(),
                q.w2(),
                q.sampleLogp(),
                q.dataLogp(),
                config.steps(),
                r.trained().stepsPerSecond(),
                r.sampleSeconds(),
                r.boundSeconds())));
    double gap = b.negElbo() - r.entropy();
    findings.add(
        TourResult.finding(
            gap > -3 * b.negElboSe(),
            String.format(
                Locale.ROOT,
                "Bound: -ELBO = %.3f ± %.3f nats per point on %d held-out points, above the data's"
                    + " entropy %.3f (computed by quadrature) by %.3f nats: the bound is valid, and the gap"
                    + " is what the model and the bound leave on the table.",
                b.negElbo(),
                b.negElboSe(),
                b.examples(),
                r.entropy(),
                gap)));
    double share = r.earlyShare();
    findings.add(
        TourResult.finding(
            share > 0.5,
            String.format(
                Locale.ROOT,
                "Terms: the first tenth of the steps (t <= %d) holds %.0f%% of the KL terms' sum"
                    + " (%.3f nats in all); L_0 = -log p(x_0|x_1) = %.3f nats and L_T = %.5f nats.",
                b.termMean().length / 10,
                100 * share,
                sumKl(b),
                b.termMean()[0],
                b.priorMean())));
    findings.add(
        TourResult.finding(
            b.oneSampleAgrees(DiffusionElboCommand.AGREEMENT_Z),
            String.format(
                Locale.ROOT,
                "The one-sample estimate T·L_{t-1} + L_T that the vlb loss trains on gives %.2f ± %.2f,"
                    + " agreeing with the exact sum within %.0f standard errors; its standard error is"
                    + " %.0f times the exact sum's, which is why L_simple or importance sampling of t is"
                    + " used in practice.",
                b.oneSampleMean(),
                b.oneSampleSe(),
                DiffusionElboCommand.AGREEMENT_Z,
                b.oneSampleSe() / b.negElboSe())));
  }

  private static double sumKl(BoundResult b) {
    double s = 0;
    double[] m = b.termMean();
    for (int t = 2; t <= m.length; t++) {
      s += m[t - 1];
    }
    return s;
  }

  /**
   * Part 2, flow matching: I-CFM vs OT-CFM on the same data and network ({@link
   * org.varl.cli.flow.FlowTourPart}), its figures and metric files under {@code flow/}, its
   * findings prefixed "Flow matching:".
   */
  private static void flowMatching(
      TourContext context,
      List<TourResult.Figure> figures,
      List<String> findings,
      List<String> metrics) {
    Path sub = context.dir().resolve("flow");
    try {
      java.nio.file.Files.createDirectories(sub);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + sub + ": " + e.getMessage(), e);
    }
    org.varl.cli.flow.FlowTourPart.Part part =
        org.varl.cli.flow.FlowTourPart.run(new TourContext(sub, context.seed()));
    for (TourResult.Figure f : part.figures()) {
      figures.add(new TourResult.Figure("flow/" + f.file(), f.caption()));
    }
    findings.add("Flow matching: " + part.claim());
    for (String f : part.findings()) {
      findings.add(
          f.startsWith(TourResult.DOES_NOT_HOLD)
              ? TourResult.DOES_NOT_HOLD
                  + "Flow matching: "
                  + f.substring(TourResult.DOES_NOT_HOLD.length())
              : "Flow matching: " + f);
    }
    for (String m : part.metrics()) {
      metrics.add("flow/" + m);
    }
  }
}
