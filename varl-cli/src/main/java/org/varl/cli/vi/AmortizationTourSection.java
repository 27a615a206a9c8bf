package org.varl.cli.vi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.vi.AmortizationConfig;
import org.varl.experiments.vi.AmortizationExperiment;
import org.varl.experiments.vi.AmortizationResult;

/**
 * Tour section "amortization": {@code varl vi amortization} on its defaults with the tour's seed
 * (~10 s).
 */
public final class AmortizationTourSection implements TourSection {

  @Override
  public String id() {
    return "amortization";
  }

  @Override
  public String title() {
    return "Amortized variational inference";
  }

  @Override
  public TourResult run(TourContext context) {
    AmortizationConfig config = AmortizationConfig.defaults().withSeed(context.seed());
    EngineSetup.logging(false);
    EngineSetup.threads(1);
    AmortizationResult r;
    try (ProgressListener bar = new ProgressListener("tour amortization", "step")) {
      r = AmortizationExperiment.run(config, bar);
    }
    List<String> figures = ViOutputs.writeAmortization(context.dir(), config, r);
    List<String> findings = findings(config.dataPoints(), r);
    return new TourResult(
        "Amortized inference shares one encoder q_phi(z|x) across data points: far fewer"
            + " parameters than fitting a q_i per point, at the price of a small amortization gap; a single global q"
            + " for all points is a much looser bound.",
        List.of(
            new TourResult.Figure(
                figures.get(0),
                "Training ELBO per point vs optimization step for the three"
                    + " variational families on the same fixed decoder.")),
        findings,
        List.of(ViOutputs.METRICS));
  }

  /**
   * Amortized inference is worth it when its gap is a small part of what a global q loses: the
   * share allowed, 10%.
   */
  static final double SMALL_GAP_SHARE = 0.10;

  /**
   * An importance-sampled log p(x) may sit below the per-point ELBO by Monte Carlo noise only; this
   * many nats are allowed.
   */
  static final double LOG_MARGINAL_NOISE = 0.05;

  /** The section's findings, each claim checked against the run's numbers. */
  static List<String> findings(int points, AmortizationResult r) {
    List<String> findings = new ArrayList<>();
    findings.add(
        String.format(
            Locale.ROOT,
            "Final ELBO per point (nats, %d points): global q %.2f with %d parameters, per-point q_i"
                + " %.2f with %d, amortized q_phi(z|x) %.2f with %d.",
            points,
            r.global().elbo(),
            r.global().parameters(),
            r.perPoint().elbo(),
            r.perPoint().parameters(),
            r.amortized().elbo(),
            r.amortized().parameters()));
    double spread = r.perPoint().elbo() - r.global().elbo();
    findings.add(
        TourResult.finding(
            spread > 0,
            String.format(
                Locale.ROOT,
                "The global q is %.2f nats per point below per-point VI: one distribution cannot sit"
                    + " on every point's posterior.",
                spread)));
    double share = r.amortizationGap() / spread;
    findings.add(
        TourResult.finding(
            spread > 0 && share <= SMALL_GAP_SHARE,
            String.format(
                Locale.ROOT,
                "Amortization gap (per-point minus amortized): %.3f nats, %.1f%% of the"
                    + " global-to-per-point distance (small: at most %.0f%%), with %.1fx fewer"
                    + " parameters than per-point VI.",
                r.amortizationGap(),
                100 * share,
                100 * SMALL_GAP_SHARE,
                (double) r.perPoint().parameters() / r.amortized().parameters())));
    if (!Double.isNaN(r.logMarginal())) {
      double familyGap = r.logMarginal() - r.perPoint().elbo();
      findings.add(
          TourResult.finding(
              familyGap >= -LOG_MARGINAL_NOISE,
              String.format(
                  Locale.ROOT,
                  "Importance-sampled log p(x) = %.2f: the Gaussian family's own approximation gap"
                      + " (log p(x) minus per-point ELBO) is %.2f nats%s.",
                  r.logMarginal(),
                  familyGap,
                  familyGap >= 0 ? "" : ", below 0 only by Monte Carlo noise")));
    }
    return findings;
  }
}
