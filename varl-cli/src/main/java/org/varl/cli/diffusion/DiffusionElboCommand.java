package org.varl.cli.diffusion;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Json;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.Progress;
import org.varl.cli.common.SeedOption;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.diffusion.BoundResult;
import org.varl.models.diffusion.DdpmBound;
import org.varl.models.diffusion.TrainedDdpm;
import org.varl.models.toy.PointData;
import org.varl.models.toy.PointDataSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl diffusion elbo}: the exact bound of a trained DDPM on held-out data, term by term;
 * writes terms.csv, terms.png and elbo.json.
 */
@Command(
    name = "elbo",
    mixinStandardHelpOptions = true,
    description = {
      "The variational bound of a trained DDPM on held-out data, every term computed: L_T, L_{t-1}"
          + " (analytic Normal-Normal KL) and L_0 (Gaussian decoder, nats).",
      "Writes terms.csv (t, term, mean, se), terms.png and elbo.json (neg_elbo and neg_elbo_se in nats"
          + " per example, data_entropy where known, the one-sample estimate and whether it agrees)."
    })
public final class DiffusionElboCommand implements Callable<Integer> {

  @Mixin ModelOption model;

  @Option(
      names = "--count",
      defaultValue = "2000",
      description =
          "Held-out points (fresh draws of a toy; at most the test split otherwise) (default: ${DEFAULT-VALUE}).")
  int count;

  @Mixin SeedOption seed;

  @Mixin EngineOptions engine;

  /** Agreement threshold of the one-sample estimate with the exact sum, in standard errors. */
  static final double AGREEMENT_Z = 4;

  @Override
  public Integer call() {
    model.checkOut();
    engine.apply();
    if (count < 2) {
      throw new IllegalArgumentException("count must be >= 2, found " + count);
    }
    try (NDManager root = NDManager.newBaseManager();
        TrainedDdpm m = TrainedDdpm.load(model.model, root)) {
      PointData data = dataOf(m);
      float[] x0 = data.heldOut(count, NoiseStream.generator(seed.seed, Streams.TEST_NOISE));
      BoundResult b;
      try (Progress bar = Progress.start("diffusion elbo", m.config().diffusionSteps() + 1L, "t")) {
        b =
            DdpmBound.evaluate(
                m.ddpm(), m.epsilon(), x0, m.dimension(), seed.seed, root, bar::step);
      }
      Double entropy = data.entropy().isPresent() ? data.entropy().getAsDouble() : null;
      Path dir = model.outDir();
      Map<String, Object> json = elboJson(b, entropy, m);
      Outputs.all(
          () -> {
            DiffusionFigures.termsCsv(dir.resolve("terms.csv"), b);
            DiffusionFigures.terms(
                dir.resolve("terms.png"), b, "DDPM bound on " + m.config().data() + ", per step");
            Json.write(dir.resolve("elbo.json"), json);
            return null;
          });
      System.out.printf(
          Locale.ROOT,
          "neg_elbo %.4f ± %.4f nats per example on %d held-out points (L_T %.5f, L_0 %.4f); data_entropy %s;"
              + " one-sample estimate %.4f ± %.4f (%s); in %s%n",
          b.negElbo(),
          b.negElboSe(),
          b.examples(),
          b.priorMean(),
          b.termMean()[0],
          entropy == null ? "unknown" : String.format(Locale.ROOT, "%.4f", entropy),
          b.oneSampleMean(),
          b.oneSampleSe(),
          b.oneSampleAgrees(AGREEMENT_Z) ? "agrees" : "DOES NOT AGREE",
          dir);
    }
    return 0;
  }

  static Map<String, Object> elboJson(BoundResult b, Double entropy, TrainedDdpm m) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("neg_elbo", b.negElbo());
    j.put("neg_elbo_se", b.negElboSe());
    j.put("data_entropy", entropy);
    j.put("bound_minus_entropy", entropy == null ? null : b.negElbo() - entropy);
    j.put("examples", b.examples());
    j.put("T", m.config().diffusionSteps());
    j.put("model_step", m.step());
    j.put("L_T", b.priorMean());
    j.put("L_0", b.termMean()[0]);
    j.put("one_sample_estimate", b.oneSampleMean());
    j.put("one_sample_se", b.oneSampleSe());
    j.put("one_sample_agrees", b.oneSampleAgrees(AGREEMENT_Z));
    j.put("units", "nats per example");
    return j;
  }

  /** The model's data set, which must have the model's dimension. */
  static PointData dataOf(TrainedDdpm m) {
    PointData data =
        PointDataSets.parse(
            m.config().data(),
            m.config().seed(),
            m.config().dataDir() == null ? null : Path.of(m.config().dataDir()));
    if (data.dimension() != m.dimension()) {
      throw new IllegalArgumentException(
          "data "
              + m.config().data()
              + " has dimension "
              + data.dimension()
              + ", the model expects "
              + m.dimension());
    }
    return data;
  }
}
