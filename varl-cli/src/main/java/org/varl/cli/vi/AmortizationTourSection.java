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
    AmortizationConfig d = AmortizationConfig.defaults();
    AmortizationConfig config =
        new AmortizationConfig(
            d.dataPoints(),
            d.steps(),
            d.latentDim(),
            d.dataDim(),
            d.encoderHidden(),
            d.evalSamples(),
            d.logMarginalSamples(),
            context.seed(),
            "cpu");
    EngineSetup.logging(false);
    EngineSetup.threads(1);
    AmortizationResult r;
    try (ProgressListener bar = new ProgressListener("tour amortization", "step")) {
      r = AmortizationExperiment.run(config, bar);
    }
    List<String> figures = ViOutputs.writeAmortization(context.dir(), config, r);
    List<String> findings = new ArrayList<>();
    findings.add(
        String.format(
            Locale.ROOT,
            "Final ELBO per point (nats, %d points): global q %.2f with %d"
                + " parameters, per-point q_i %.2f with %d, amortized q_phi(z|x) %.2f with %d.",
            config.dataPoints(),
            r.global().elbo(),
            r.global().parameters(),
            r.perPoint().elbo(),
            r.perPoint().parameters(),
            r.amortized().elbo(),
            r.amortized().parameters()));
    double spread = r.perPoint().elbo() - r.global().elbo();
    findings.add(
        String.format(
            Locale.ROOT,
            "The global q is %.2f nats per point below per-point VI: one"
                + " distribution cannot sit on every point's posterior.",
            spread));
    findings.add(
        String.format(
            Locale.ROOT,
            "Amortization gap (per-point minus amortized): %.3f nats, %.1f%% of the"
                + " global-to-per-point distance, with %.1fx fewer parameters than per-point VI.",
            r.amortizationGap(),
            100 * r.amortizationGap() / spread,
            (double) r.perPoint().parameters() / r.amortized().parameters()));
    if (!Double.isNaN(r.logMarginal())) {
      findings.add(
          String.format(
              Locale.ROOT,
              "Importance-sampled log p(x) = %.2f: the Gaussian family's own"
                  + " approximation gap (log p(x) minus per-point ELBO) is %.2f nats.",
              r.logMarginal(),
              r.logMarginal() - r.perPoint().elbo()));
    }
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
}
