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
import org.varl.models.diffusion.DdpmSampler;
import org.varl.models.diffusion.Sampler;
import org.varl.models.diffusion.TrainedDdpm;
import org.varl.models.quality.SampleQuality;
import org.varl.models.toy.PointData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl diffusion sample}: draws from a trained DDPM; writes samples.csv, samples.png,
 * trajectories.png and quality.json.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Draw from a trained DDPM: samples.csv (one point per row), samples.png (over fresh data, or an"
          + " image grid), trajectories.png (a few paths from x_T to x_0) and quality.json (energy"
          + " distance to fresh data, exact W2, true log-density and mode fractions where known)."
    })
public final class DiffusionSampleCommand implements Callable<Integer> {

  @Mixin ModelOption model;

  @Option(
      names = "--count",
      defaultValue = "2000",
      description = "Samples to draw (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--sampler",
      defaultValue = "ancestral",
      description = "ancestral (T steps) or ddim (eta = 0) (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(
      names = "--steps",
      paramLabel = "S",
      description = "Sampling steps of ddim, 1..T (default: T; ancestral always uses T).")
  Integer steps;

  @Option(
      names = "--trajectories",
      defaultValue = "8",
      description = "Samples whose paths are plotted (default: ${DEFAULT-VALUE}).")
  int trajectories;

  @Mixin SeedOption seed;

  @Mixin EngineOptions engine;

  @Override
  public Integer call() {
    model.checkOut();
    engine.apply();
    Sampler kind = Sampler.parse(sampler);
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, found " + count);
    }
    try (NDManager root = NDManager.newBaseManager();
        TrainedDdpm m = TrainedDdpm.load(model.model, root)) {
      PointData data = DiffusionElboCommand.dataOf(m);
      int s = steps == null ? m.config().diffusionSteps() : steps;
      DdpmSampler.Samples samples;
      try (Progress bar = Progress.start("diffusion sample", 1, "run")) {
        samples =
            DdpmSampler.sample(
                m.ddpm(),
                m.epsilon(),
                m.dimension(),
                count,
                kind,
                s,
                seed.seed,
                trajectories,
                root);
        bar.step();
      }
      boolean toy = data.imageShape().length == 0;
      SampleQuality q =
          toy
              ? SampleQuality.evaluate(
                  data,
                  samples.points(),
                  NoiseStream.generator(seed.seed, Streams.TEST_NOISE),
                  count >= 2)
              : null;
      Path dir = model.outDir();
      String title =
          String.format(Locale.ROOT, "DDPM on %s, %s, %d steps", m.config().data(), kind.id(), s);
      Outputs.all(
          () -> {
            DiffusionFigures.samplesCsv(
                dir.resolve("samples.csv"), samples.points(), m.dimension());
            DiffusionFigures.samples(
                dir.resolve("samples.png"), data, samples.points(), title, seed.seed);
            if (trajectories > 0) {
              DiffusionFigures.trajectories(dir.resolve("trajectories.png"), samples, title);
            }
            if (q != null) {
              Json.write(dir.resolve("quality.json"), qualityJson(q, kind, s, data));
            }
            return null;
          });
      if (q != null) {
        System.out.printf(
            Locale.ROOT,
            "sampled %d points (%s, %d steps): energy_distance %.5f w2 %.4f sample_logp %s data_logp %s; in %s%n",
            count,
            kind.id(),
            s,
            q.energyDistance(),
            q.w2(),
            fmt(q.sampleLogp()),
            fmt(q.dataLogp()),
            dir);
      } else {
        System.out.printf(
            Locale.ROOT, "sampled %d images (%s, %d steps); in %s%n", count, kind.id(), s, dir);
      }
    }
    return 0;
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  static Map<String, Object> qualityJson(SampleQuality q, Sampler kind, int steps, PointData data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampler", kind.id());
    m.put("steps", steps);
    m.put("points", q.points());
    m.put("energy_distance", q.energyDistance());
    m.put("w2", Double.isNaN(q.w2()) ? null : q.w2());
    m.put("sample_logp", Double.isNaN(q.sampleLogp()) ? null : q.sampleLogp());
    m.put("off_support", Double.isNaN(q.offSupport()) ? null : q.offSupport());
    m.put("data_logp", Double.isNaN(q.dataLogp()) ? null : q.dataLogp());
    m.put("data_entropy", data.entropy().isPresent() ? data.entropy().getAsDouble() : null);
    m.put("mode_fractions", q.modeFractions().length == 0 ? null : q.modeFractions());
    return m;
  }
}
