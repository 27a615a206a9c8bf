package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Json;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.models.vae.EvalRequest;
import org.varl.models.vae.EvalResult;
import org.varl.models.vae.VaeEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl vae eval}: test ELBO, importance-sampled log-likelihood and (on shapes) linear-probe
 * R^2.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a trained VAE on its test set; writes eval.json into --out.",
      "log p(x) is estimated by importance sampling with K draws from q(z|x) (Burda et al. 2016)."
    })
public final class VaeEvalCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--k",
      paramLabel = "K",
      defaultValue = "5000",
      description = "Importance samples per example for log p(x) (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--examples",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Test examples for the log p(x) estimate; the ELBO uses all (default: ${DEFAULT-VALUE}).")
  int examples;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    run.checkOut();
    EvalResult r;
    try (ProgressListener bar = new ProgressListener("vae eval", "draw")) {
      r = VaeEvaluator.run(new EvalRequest(run.model, k, examples, seed.seed), bar);
    }
    if (r.dataChange() != null) {
      System.err.println("varl vae eval: warning: " + r.dataChange());
    }
    Path dir = run.outDir();
    Json.write(dir.resolve("eval.json"), r);
    System.out.printf(
        Locale.ROOT,
        "data %s, %d epoch%s, %d test examples%n",
        r.data(),
        r.epochs(),
        r.epochs() == 1 ? "" : "s",
        r.testExamples());
    System.out.printf(
        Locale.ROOT,
        "test -ELBO %.2f nats (reconstruction %.2f + KL %.2f)%n",
        r.negativeElbo(),
        r.reconstruction(),
        r.kl());
    System.out.printf(
        Locale.ROOT,
        "log p(x) %.2f nats (K = %d, first %d test examples; ELBO on them %.2f)%n",
        r.logLikelihood(),
        r.k(),
        r.logLikelihoodExamples(),
        r.elboOnSameExamples());
    for (EvalResult.ProbeScore p : r.probe()) {
      System.out.printf(Locale.ROOT, "probe R^2 %-9s %.3f%n", p.factor(), p.r2());
    }
    System.out.println("wrote " + dir.resolve("eval.json"));
    return 0;
  }
}
