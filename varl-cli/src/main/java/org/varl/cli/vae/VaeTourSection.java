package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.Json;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.experiments.vae.VaeExperiment;
import org.varl.experiments.vae.VaeExperimentConfig;
import org.varl.experiments.vae.VaeExperimentResult;
import org.varl.models.vae.EpochMetrics;
import org.varl.models.vae.EvalResult;
import org.varl.models.vae.TrainResult;
import org.varl.models.vae.TrainedVae;

/**
 * The tour's VAE section: a small VAE (MLP 784-256-8-256-784, Bernoulli) trained for a few epochs
 * on the embedded {@code shapes} sprites, then its samples, reconstructions, an interpolation, the
 * latent scatter and the linear probe from latent means to the sprites' generative factors. About
 * 12 s in all. It runs on one engine thread: matrices this small gain nothing from a second one,
 * and measured on a busy 2-core machine (load 5), two OpenMP threads made training 12x slower (97 s
 * vs 8 s) because every op waits for a descheduled worker.
 */
public final class VaeTourSection implements TourSection {

  static final int SPRITES = 6000;
  static final int EPOCHS = 8;
  static final int LATENT = 8;

  @Override
  public String id() {
    return "vae";
  }

  @Override
  public String title() {
    return "Variational autoencoder on shapes";
  }

  @Override
  public TourResult run(TourContext context) {
    Path run = context.dir().resolve("run");
    VaeExperimentConfig config =
        VaeExperimentConfig.defaults(run)
            .withSprites(SPRITES)
            .withEpochs(EPOCHS)
            .withLatent(LATENT)
            .withSeed(context.seed());
    VaeExperimentResult result;
    try (ProgressListener bar = new ProgressListener("tour vae", "step")) {
      result = VaeExperiment.run(config, bar);
    }
    TrainResult trained = result.trained();
    EvalResult eval = result.eval();
    Json.write(context.dir().resolve("eval.json"), eval);
    List<TourResult.Figure> figures = new ArrayList<>();
    try (TrainedVae m = TrainedVae.load(run)) {
      VaeFigures.losses(trained.history(), context.dir().resolve("losses.png"));
      figures.add(
          new TourResult.Figure(
              "losses.png", "Negative ELBO per example (nats) on train and test data."));
      VaeFigures.samples(m, context.dir().resolve("samples.png"), 32, 8, context.seed());
      figures.add(
          new TourResult.Figure(
              "samples.png", "Decoder means at z ~ N(0, I): samples from the prior."));
      VaeFigures.reconstructions(
          m, context.dir().resolve("reconstructions.png"), 16, 8, context.seed());
      figures.add(
          new TourResult.Figure(
              "reconstructions.png",
              "Test sprites (rows 1, 3) above their reconstructions E[x | z = mu(x)] (rows 2, 4)."));
      VaeFigures.interpolation(m, context.dir().resolve("interpolation.png"), 0, 1, 8);
      figures.add(
          new TourResult.Figure(
              "interpolation.png",
              "Decodings along the straight line between two test sprites' latent means."));
      VaeFigures.latent(m, context.dir().resolve("latent.png"), 2000);
      figures.add(
          new TourResult.Figure(
              "latent.png",
              "Latent means of test sprites on their first two principal components, coloured by shape."));
    }
    EpochMetrics first = trained.history().get(0);
    EpochMetrics last = trained.last();
    List<String> findings = new ArrayList<>();
    findings.add(
        TourResult.finding(
            last.testLoss() < first.testLoss(),
            String.format(
                Locale.ROOT,
                "Training: test -ELBO fell from %.1f to %.1f nats per sprite over %d epochs (%s gradients, %.1f s per "
                    + "epoch); of the last value, %.1f nats are the KL term, the price of the %d-dimensional code.",
                first.testLoss(),
                last.testLoss(),
                last.epoch(),
                trained.gradientPath(),
                last.epochSeconds(),
                eval.kl(),
                LATENT)));
    double gap = result.boundGap();
    findings.add(
        String.format(
            Locale.ROOT,
            "Bound: importance-sampled log p(x) = %.1f nats (K = %d) vs ELBO = %.1f on the same %d sprites: the ELBO "
                + "is %s by %.1f nats, an estimate from below of KL(q(z|x) || p(z|x)), the gap the encoder leaves.",
            eval.logLikelihood(),
            eval.k(),
            eval.elboOnSameExamples(),
            eval.logLikelihoodExamples(),
            gap >= 0 ? "below" : "above (Monte Carlo noise)",
            Math.abs(gap)));
    StringBuilder probe =
        new StringBuilder("Latent space: linear-probe R^2 from latent means to each factor:");
    EvalResult.ProbeScore best = null;
    EvalResult.ProbeScore worst = null;
    for (EvalResult.ProbeScore p : eval.probe()) {
      probe.append(String.format(Locale.ROOT, " %s %.2f;", p.factor(), p.r2()));
      best = best == null || p.r2() > best.r2() ? p : best;
      worst = worst == null || p.r2() < worst.r2() ? p : worst;
    }
    findings.add(probe.substring(0, probe.length() - 1) + ".");
    if (best != null) {
      findings.add(
          String.format(
              Locale.ROOT,
              "So the code holds %s %s (R^2 %.2f) while %s is %s (R^2 %.2f): the lecture's claim that "
                  + "the latent space organizes the factors of variation holds for %s, not uniformly.",
              best.factor(),
              best.r2() >= 0.9
                  ? "almost linearly"
                  : best.r2() >= 0.5 ? "largely linearly" : "only weakly",
              best.r2(),
              worst.factor(),
              worst.r2() < 0.2 ? "not linearly readable" : "only partly readable",
              worst.r2(),
              readable(eval.probe())));
    }
    return new TourResult(
        "A VAE learns an encoder q(z|x) and a decoder p(x|z) by maximizing the ELBO, a lower bound on log p(x); "
            + "decoding draws from the prior gives new data, and the latent code captures the factors of "
            + "variation of the data.",
        figures,
        findings,
        List.of("run/metrics.csv", "run/config.json", "eval.json"));
  }

  private static String readable(List<EvalResult.ProbeScore> probe) {
    List<String> names = new ArrayList<>();
    for (EvalResult.ProbeScore p : probe) {
      if (p.r2() >= 0.5) {
        names.add(p.factor());
      }
    }
    return names.isEmpty()
        ? "no factor at R^2 >= 0.5"
        : "factors with R^2 >= 0.5 (" + String.join(", ", names) + ")";
  }
}
