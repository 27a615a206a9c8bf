package org.varl.cli.vi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.vi.EstimatorStats;
import org.varl.experiments.vi.EstimatorsConfig;
import org.varl.experiments.vi.EstimatorsExperiment;
import org.varl.experiments.vi.EstimatorsResult;

/**
 * Tour section "estimators": {@code varl vi estimators} on its defaults with the tour's seed (~25
 * s); the image problem uses Fashion-MNIST when it is installed, else the shapes sprites (the
 * findings say which).
 */
public final class EstimatorsTourSection implements TourSection {

  @Override
  public String id() {
    return "estimators";
  }

  @Override
  public String title() {
    return "Gradient estimators: score function vs reparameterization";
  }

  /**
   * Standard errors within which an unbiased estimator's averaged error stays: the RMS over
   * parameters of independent errors of one SE each is about 1; 3.5 leaves room for the heavy tails
   * of score-function estimates.
   */
  static final double UNBIASED_WITHIN = 3.5;

  @Override
  public TourResult run(TourContext context) {
    EstimatorsConfig config = EstimatorsConfig.defaults().withSeed(context.seed());
    EngineSetup.logging(false);
    EngineSetup.threads(1);
    EstimatorsResult r;
    try (ProgressListener bar = new ProgressListener("tour estimators", "estimate")) {
      r = EstimatorsExperiment.run(config, bar);
    }
    List<String> files = ViOutputs.writeEstimators(context.dir(), config, r);
    List<String> findings = new ArrayList<>();
    EstimatorStats imagePathwise = r.get(r.imageProblem(), "pathwise");
    findings.add(
        String.format(
            Locale.ROOT,
            "Problems: gaussian and discrete have closed-form gradients; encoder"
                + " amortizes q(z|x) over points drawn from a known decoder; %s is the encoder (%,d parameters) of a small"
                + " VAE pre-trained on %s.%s",
            r.imageProblem(),
            imagePathwise.parameters(),
            describe(r.imageData()),
            r.imageDataNote() == null ? "" : " Note: " + r.imageDataNote() + "."));
    for (String problem : List.of("gaussian", "encoder", r.imageProblem())) {
      EstimatorStats pathwise = r.get(problem, "pathwise");
      EstimatorStats score = r.get(problem, "score");
      findings.add(
          String.format(
              Locale.ROOT,
              "%s: per-parameter variance of one estimate is %.3g (pathwise) vs"
                  + " %.3g (score function): ratio %.2g, SNR %.2f vs %.3f.",
              problem,
              pathwise.variance(),
              score.variance(),
              r.pathwiseToScoreVarianceRatio().get(problem),
              pathwise.snr(),
              score.snr()));
      EstimatorStats best =
          r.estimators().stream()
              .filter(s -> s.problem().equals(problem) && s.name().startsWith("score+"))
              .min((a, b) -> Double.compare(a.variance(), b.variance()))
              .orElseThrow();
      findings.add(
          String.format(
              Locale.ROOT,
              "%s: the best baseline (%s) cuts the score-function variance %.0fx;"
                  + " still %.0fx the pathwise variance.",
              problem,
              best.name(),
              score.variance() / best.variance(),
              best.variance() / pathwise.variance()));
    }
    double worstRatio = 0;
    String worst = "";
    for (EstimatorStats s : r.estimators()) {
      // The error in standard errors adds the reference's own error (a quadrature's) in quadrature.
      if (s.unbiased() && r.errorInStandardErrors(s) > worstRatio) {
        worstRatio = r.errorInStandardErrors(s);
        worst = s.problem() + "/" + s.name();
      }
    }
    findings.add(
        TourResult.finding(
            worstRatio <= UNBIASED_WITHIN,
            String.format(
                Locale.ROOT,
                "Unbiasedness: averaged over %d estimates, every unbiased estimator's RMS error is"
                    + " within %.2f standard errors of the true gradient (largest: %s; an unbiased"
                    + " estimator stays within %.1f).",
                config.samples(),
                worstRatio,
                worst,
                UNBIASED_WITHIN)));
    EstimatorStats gumbel = r.get("discrete", "gumbel(tau=0.5)");
    EstimatorStats scoreEma = r.get("discrete", "score+ema");
    double gumbelSe = r.errorInStandardErrors(gumbel);
    EstimatorStats plainScore = r.get("discrete", "score");
    // The lecture's trade: the relaxation is biased but has less variance than the plain score
    // function.
    findings.add(
        TourResult.finding(
            gumbelSe > UNBIASED_WITHIN && gumbel.variance() < plainScore.variance(),
            String.format(
                Locale.ROOT,
                "Discrete latent: Gumbel-softmax (tau 0.5) trades bias for variance: variance %.3g"
                    + " (plain score function %.3g) and error %.3g (%.1f standard errors: %s); with a"
                    + " moving-average baseline the unbiased score function reaches variance %.3g"
                    + " (error %.3g).",
                gumbel.variance(),
                plainScore.variance(),
                gumbel.meanError(),
                gumbelSe,
                gumbelSe > UNBIASED_WITHIN ? "biased" : "no bias detectable at this R",
                scoreEma.variance(),
                scoreEma.meanError())));
    List<TourResult.Figure> figures = new ArrayList<>();
    List<String> problems = ViOutputs.problems(r);
    for (int i = 0; i < files.size(); i++) {
      figures.add(
          new TourResult.Figure(
              files.get(i),
              "Variance of the average of S single-draw estimates vs S"
                  + " (log-log; slope -1 for independent draws), "
                  + problems.get(i)
                  + " problem."));
    }
    return new TourResult(
        "The score-function (REINFORCE) gradient needs only log q but has high variance;"
            + " the reparameterized (pathwise) gradient is orders of magnitude less noisy; baselines narrow the gap.",
        figures,
        findings,
        List.of(ViOutputs.METRICS));
  }

  /** The image problem's data in words, for the findings. */
  private static String describe(String spec) {
    return switch (spec) {
      case "fashion-mnist" -> "Fashion-MNIST (real 28x28 grey images of clothing)";
      case "mnist" -> "MNIST (real 28x28 handwritten digits)";
      case "shapes" -> "generated 28x28 shape sprites (synthetic)";
      default -> "the rows of " + spec.substring(spec.indexOf(':') + 1);
    };
  }
}
