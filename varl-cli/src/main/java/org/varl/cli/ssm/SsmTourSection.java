package org.varl.cli.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.varl.cli.common.ImageGrids;
import org.varl.cli.common.Json;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.Plots;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.ssm.LinearGaussianCheck;
import org.varl.experiments.ssm.LinearGaussianCheckConfig;
import org.varl.experiments.ssm.PixelPredictionCheck;
import org.varl.experiments.ssm.PixelPredictionCheckConfig;

/**
 * Tour section "state-space": the linear-Gaussian check at a tour-sized budget ({@value #LENGTH}
 * steps, {@value #SEQUENCES} sequences, {@value #STEPS} Adam steps per encoder; the CLI's defaults
 * are 50, 1000 and 1500): the filtering and the smoothing encoder's held-out ELBO per step beside
 * the Kalman filter's exact log-likelihood. Every finding comes from the run's numbers ({@link
 * #findings}) and is flagged when its claim fails.
 */
public final class SsmTourSection implements TourSection {

  static final int LENGTH = 30;
  static final int SEQUENCES = 600;
  static final int STEPS = 1000;

  /** Standard errors a negative gap may lie below 0 and still be Monte Carlo error. */
  static final double SE_TOLERANCE = 3;

  static final String JSON = "linear-gaussian.json";
  static final String PNG = "elbo-vs-step.png";

  /** The pixel check's tour budget. */
  static final PixelPredictionCheckConfig PIXELS = PixelPredictionCheckConfig.defaults();

  /** R² above which the probe counts θ̇ as readable from the belief. */
  static final double PROBE_R2 = 0.5;

  static final String PIXEL_JSON = "pixel-prediction.json";
  static final String STRIP_PNG = "prediction-strip.png";
  static final String MSE_PNG = "prediction-mse.png";

  @Override
  public String id() {
    return "state-space";
  }

  @Override
  public String title() {
    return "State-space models: a VAE through time against the exact Kalman likelihood";
  }

  @Override
  public TourResult run(TourContext context) {
    EngineSetup.threads(1);
    LinearGaussianCheckConfig config =
        LinearGaussianCheckConfig.defaults()
            .withLength(LENGTH)
            .withSequences(SEQUENCES)
            .withSteps(STEPS)
            .withSeed(context.seed());
    LinearGaussianCheck.Result r;
    try (ProgressListener bar = new ProgressListener("tour state-space", "step")) {
      r = LinearGaussianCheck.run(config, bar);
    }
    PixelPredictionCheckConfig pc = PIXELS.withSeed(context.seed());
    PixelPredictionCheck.Result p;
    try (ProgressListener bar = new ProgressListener("tour state-space pixels", "step")) {
      p = PixelPredictionCheck.run(pc, bar);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kalman_loglik_per_step", r.kalmanPerStep());
    json.put("untrained_elbo_per_step", r.untrainedElboPerStep());
    for (LinearGaussianCheck.EncoderResult e : List.of(r.filtering(), r.smoothing())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("elbo_per_step", e.elboPerStep());
      m.put("gap_per_step", e.gapPerStep());
      m.put("gap_se_per_step", e.gapSe());
      m.put("train_seconds", e.seconds());
      json.put(e.encoder().id(), m);
    }
    json.put("held_out_sequences", r.heldOut());
    json.put("length", r.length());
    json.put("steps", STEPS);
    Map<String, Object> pj = new LinkedHashMap<>();
    pj.put("env", "pendulum-pixels");
    pj.put("frame_stack", 1);
    pj.put("image_size", p.imageSize());
    pj.put("collect_steps", pc.collectSteps());
    pj.put("context", pc.context());
    pj.put("horizon", pc.horizon());
    pj.put("train_windows", p.trainWindows());
    pj.put("held_out_windows", p.heldOutWindows());
    pj.put("train_steps", pc.trainSteps());
    pj.put("model_mse", p.modelMse());
    pj.put("last_frame_mse", p.lastFrameMse());
    pj.put("model_mse_mean", p.modelMseMean());
    pj.put("last_frame_mse_mean", p.lastFrameMseMean());
    Map<String, Object> belief = new LinkedHashMap<>();
    Map<String, Object> zOnly = new LinkedHashMap<>();
    for (int i = 0; i < p.stateNames().size(); i++) {
      belief.put(p.stateNames().get(i), finiteOrNull(p.probeBelief()[i]));
      zOnly.put(p.stateNames().get(i), finiteOrNull(p.probeZ()[i]));
    }
    pj.put("probe_belief", belief);
    pj.put("probe_z", zOnly);
    pj.put("collect_seconds", p.collectSeconds());
    pj.put("train_seconds", p.trainSeconds());
    Outputs.all(
        () -> {
          Json.write(context.dir().resolve(JSON), json);
          plot(context.dir().resolve(PNG), r);
          Json.write(context.dir().resolve(PIXEL_JSON), pj);
          int side = p.imageSize();
          ImageGrids.save(context.dir().resolve(STRIP_PNG), p.strip(), side, side, pc.window(), 3);
          plotMse(context.dir().resolve(MSE_PNG), p);
          return null;
        });
    List<String> all = new ArrayList<>(findings(r));
    all.addAll(pixelFindings(p));
    return new TourResult(
        "A VAE through time — prior p(z_t | z_{t-1}, a_{t-1}), decoder p(x_t | z_t), an encoder"
            + " over the observations — maximizes a lower bound on log p(x_{1:T}). On a"
            + " linear-Gaussian model the Kalman filter gives that log-likelihood exactly, so the"
            + " bound's gap can be measured; an encoder that sees the future, q(z_t | z_{t-1},"
            + " a_{t-1}, x_{t:T}) as the true posterior factor does, should be tighter than the"
            + " filtering q(z_t | z_{t-1}, a_{t-1}, x_t). "
            + SEQUENCES
            + " sequences of "
            + LENGTH
            + " steps (20% held out), "
            + STEPS
            + " Adam steps per encoder. Then frames: one "
            + PIXELS.imageSize()
            + "x"
            + PIXELS.imageSize()
            + " frame of pendulum-pixels shows the angle but not the angular velocity, so"
            + " the model must infer θ̇ from the frames it has filtered. "
            + PIXELS.collectSteps()
            + " random-policy steps cut into windows of "
            + PIXELS.window()
            + ", an RSSM (Bernoulli decoder) trained "
            + PIXELS.trainSteps()
            + " Adam steps, then "
            + PIXELS.context()
            + " frames filtered and "
            + PIXELS.horizon()
            + " predicted open loop under the recorded actions.",
        List.of(
            new TourResult.Figure(
                PNG,
                "Training minibatch ELBO per step (mean over 25 steps) of both encoders; the line"
                    + " is the held-out Kalman log p(x) per step."),
            new TourResult.Figure(
                STRIP_PNG,
                "Held-out windows, each a row of true frames above the model's: the first "
                    + PIXELS.context()
                    + " are the filtered reconstructions, then the open-loop prediction."),
            new TourResult.Figure(
                MSE_PNG,
                "Pixel MSE per horizon step of the open-loop prediction and of repeating the last"
                    + " context frame (mean over the held-out windows).")),
        all,
        List.of(JSON, PIXEL_JSON));
  }

  static void plot(java.nio.file.Path png, LinearGaussianCheck.Result r) {
    List<Plots.Series> series = new ArrayList<>();
    double last = 1;
    for (LinearGaussianCheck.EncoderResult e : List.of(r.filtering(), r.smoothing())) {
      double[][] h = e.history();
      int window = 25;
      int points = Math.max(1, h.length / window);
      double[] x = new double[points];
      double[] y = new double[points];
      for (int p = 0; p < points; p++) {
        int from = p * window;
        int to = Math.min(h.length, from + window);
        double s = 0;
        for (int k = from; k < to; k++) {
          s += h[k][0];
        }
        x[p] = to;
        y[p] = to > from ? s / (to - from) : Double.NaN;
      }
      last = Math.max(last, h.length);
      series.add(new Plots.Series(e.encoder().id(), x, y));
    }
    series.add(
        new Plots.Series(
            "Kalman log p(x)",
            new double[] {0, last},
            new double[] {r.kalmanPerStep(), r.kalmanPerStep()}));
    Plots.line(
        png,
        Plots.Axes.linear(
            "Sequence ELBO per step vs the exact value", "step", "nats per time step"),
        series);
  }

  private static Object finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static void plotMse(java.nio.file.Path png, PixelPredictionCheck.Result p) {
    int h = p.modelMse().length;
    double[] k = new double[h];
    for (int i = 0; i < h; i++) {
      k[i] = i + 1;
    }
    Plots.line(
        png,
        Plots.Axes.linear("Open-loop prediction vs the last frame", "horizon step", "pixel MSE"),
        List.of(
            new Plots.Series("RSSM open loop", k, p.modelMse()),
            new Plots.Series("last frame repeated", k, p.lastFrameMse())));
  }

  /** The pixel findings, each computed from {@code p}; a claim that fails is flagged. */
  static List<String> pixelFindings(PixelPredictionCheck.Result p) {
    double model = p.modelMseMean();
    double last = p.lastFrameMseMean();
    double r2 = p.probe("theta_dot");
    int h = p.modelMse().length;
    int i = p.stateNames().indexOf("theta_dot");
    double fromZ = i < 0 ? Double.NaN : p.probeZ()[i];
    return List.of(
        TourResult.finding(
            model < last,
            String.format(
                Locale.ROOT,
                "The RSSM's open-loop prediction beats repeating the last frame (mean MSE %.5f vs"
                    + " %.5f over %d steps; at step 1 %.5f vs %.5f, at step %d %.5f vs %.5f).",
                model,
                last,
                h,
                p.modelMse()[0],
                p.lastFrameMse()[0],
                h,
                p.modelMse()[h - 1],
                p.lastFrameMse()[h - 1])),
        TourResult.finding(
            r2 > PROBE_R2,
            String.format(
                Locale.ROOT,
                "θ̇ is readable from the belief (R² %.3f of a linear probe from [μ_z, h_t] on held-out"
                    + " windows, claim: above %.1f; from μ_z alone %.3f), though no single frame"
                    + " shows it.",
                r2,
                PROBE_R2,
                fromZ)));
  }

  /** The findings, each computed from {@code r}; a claim that fails is flagged. */
  static List<String> findings(LinearGaussianCheck.Result r) {
    List<String> out = new ArrayList<>();
    for (LinearGaussianCheck.EncoderResult e : List.of(r.filtering(), r.smoothing())) {
      out.add(
          TourResult.finding(
              e.gapPerStep() > -SE_TOLERANCE * e.gapSe(),
              String.format(
                  Locale.ROOT,
                  "The %s encoder's held-out ELBO is a lower bound: %.4f nats per step against the"
                      + " exact %.4f, gap %.4f ± %.4f (claim: gap >= 0 up to %.0f standard errors).",
                  e.encoder().id(),
                  e.elboPerStep(),
                  r.kalmanPerStep(),
                  e.gapPerStep(),
                  e.gapSe(),
                  SE_TOLERANCE)));
    }
    double f = r.filtering().gapPerStep();
    double s = r.smoothing().gapPerStep();
    double se = Math.hypot(r.filtering().gapSe(), r.smoothing().gapSe());
    out.add(
        TourResult.finding(
            f - s > 2 * se,
            String.format(
                Locale.ROOT,
                "Seeing the future tightens the bound: the smoothing encoder's gap is %.4f nats per"
                    + " step against the filtering encoder's %.4f (difference %.4f ± %.4f; claim:"
                    + " smaller by more than 2 standard errors).",
                s,
                f,
                f - s,
                se)));
    out.add(
        TourResult.finding(
            r.filtering().elboPerStep() > r.untrainedElboPerStep(),
            String.format(
                Locale.ROOT,
                "Training closes most of the distance: the filtering model's held-out ELBO per step"
                    + " goes from %.4f (untrained) to %.4f; the exact value is %.4f (training took"
                    + " %.1f s filtering, %.1f s smoothing).",
                r.untrainedElboPerStep(),
                r.filtering().elboPerStep(),
                r.kalmanPerStep(),
                r.filtering().seconds(),
                r.smoothing().seconds())));
    return out;
  }
}
