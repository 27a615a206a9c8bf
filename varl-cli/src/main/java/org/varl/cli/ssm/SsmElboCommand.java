package org.varl.cli.ssm;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.varl.cli.common.Json;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.SeedOption;
import org.varl.core.engine.EngineSetup;
import org.varl.models.ssm.Kalman;
import org.varl.models.ssm.LinearGaussianSsm;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SequenceElbo;
import org.varl.models.ssm.SsmCheckpoint;
import org.varl.models.ssm.SsmFiles;
import org.varl.models.ssm.SsmTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl ssm elbo}: a trained run's held-out ELBO beside the Kalman filter's exact value. */
@Command(
    name = "elbo",
    mixinStandardHelpOptions = true,
    description = {
      "On the held-out sequences of --data (the last 20%%), the trained model's ELBO per step (mean"
          + " of --samples reparameterized draws per sequence) beside the exact log p(x_{1:T}) per"
          + " step of the Kalman filter under the true parameters of --truth. Writes elbo.json"
          + " (kalman_loglik_per_step, elbo_per_step, gap_per_step and its standard error,"
          + " encoder, rssm, sequences, length, samples)."
    })
public final class SsmElboCommand implements Callable<Integer> {

  static final String ELBO_JSON = "elbo.json";

  @Mixin ModelOption model;

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      required = true,
      description = "The sequences the run was trained on: csv:PATH (sequences.csv).")
  String data;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      required = true,
      description = "truth.json written by varl ssm generate (A, B, C, Q, R, mu0, P0).")
  Path truth;

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "16",
      description = "Latent draws per held-out sequence, 1..10000 (default: ${DEFAULT-VALUE}).")
  int samples;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    model.checkOut();
    SsmGenerateCommand.requireRange("--samples", samples, 1, 10000);
    Path csv = SsmCommand.csvPath(data);
    SequenceData all = SsmFiles.readSequences(csv, 2);
    LinearGaussianSsm exact = SsmFiles.readTruth(truth);
    try {
      Kalman.requireFits(exact, all);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--truth " + truth + " does not fit --data: " + e.getMessage());
    }
    SequenceData held = all.heldOut();
    java.util.Optional<String> change = SsmCommand.dataChange(model.model, csv.toAbsolutePath());
    EngineSetup.logging(false);
    EngineSetup.threads(1);
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run run = SsmCheckpoint.read(model.model.resolve(SsmTrainCommand.CHECKPOINT), m);
      SsmTrainCommand.requireFits(run.model().config(), all);
      // After every check: a refused input stays one line.
      change.ifPresent(w -> System.err.println("varl ssm elbo: warning: " + w));
      double[] logLik = Kalman.logLikelihoods(exact, held);
      double[][] terms = SequenceElbo.evaluate(m, run.model(), held, samples, seed.seed);
      int n = held.sequences();
      int t = held.length();
      double[] gap = new double[n];
      double kalman = 0;
      double elbo = 0;
      double recon = 0;
      double kl = 0;
      for (int i = 0; i < n; i++) {
        gap[i] = (logLik[i] - terms[0][i]) / t;
        kalman += logLik[i] / t / n;
        elbo += terms[0][i] / t / n;
        recon += terms[1][i] / t / n;
        kl += terms[2][i] / t / n;
      }
      double gapMean = 0;
      for (double g : gap) {
        gapMean += g / n;
      }
      double var = 0;
      for (double g : gap) {
        var += (g - gapMean) * (g - gapMean) / Math.max(1, n - 1);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("encoder", run.model().config().encoder().id());
      out.put("rssm", run.model().config().recurrent());
      out.put("kalman_loglik_per_step", kalman);
      out.put("elbo_per_step", elbo);
      out.put("gap_per_step", gapMean);
      out.put("gap_se_per_step", Math.sqrt(var / n));
      out.put("recon_per_step", recon);
      out.put("kl_per_step", kl);
      out.put("sequences", n);
      out.put("length", t);
      out.put("samples", samples);
      out.put("train_steps", run.steps());
      change.ifPresent(w -> out.put("dataChange", w));
      Path file = model.outDir().resolve(ELBO_JSON);
      Outputs.all(
          () -> {
            Json.write(file, out);
            return null;
          });
      System.out.printf(
          Locale.ROOT,
          "%s%s encoder, %d held-out sequences of %d steps: ELBO per step %.4f, Kalman log p(x)"
              + " per step %.4f, gap %.4f ± %.4f nats per step; %s%n",
          run.model().config().encoder().id(),
          run.model().config().recurrent() ? " rssm" : "",
          n,
          t,
          elbo,
          kalman,
          gapMean,
          Math.sqrt(var / n),
          file);
    }
    return 0;
  }
}
