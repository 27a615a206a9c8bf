package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.varl.cli.common.ImageGrids;
import org.varl.cli.common.Json;
import org.varl.cli.common.Plots;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.repr.RepresentationConfig;
import org.varl.experiments.repr.RepresentationResult;

/**
 * The outputs of {@code varl rl representation}: {@value #JSON}, {@value #CURVES} and the figures
 * {@value #RETURNS}, {@value #WALL}, {@value #TRAVERSAL}, {@value #RECONSTRUCTIONS}.
 */
final class RepresentationFiles {

  static final String JSON = "representation.json";
  static final String CURVES = "curves.csv";
  static final String RETURNS = "returns.png";
  static final String WALL = "wall_seconds.png";
  static final String TRAVERSAL = "latent_traversal.png";
  static final String RECONSTRUCTIONS = "reconstructions.png";

  private RepresentationFiles() {}

  /** Every file, as one set (the caller opens it). */
  static void write(Path dir, RepresentationResult r) {
    Json.write(dir.resolve(JSON), json(r));
    AtomicFiles.writeString(dir.resolve(CURVES), curves(r));
    returns(dir.resolve(RETURNS), r);
    wall(dir.resolve(WALL), r);
    r.images()
        .ifPresent(
            im -> {
              ImageGrids.save(
                  dir.resolve(TRAVERSAL), im.traversal(), im.size(), im.size(), im.steps(), 3);
              float[][] pairs = new float[2 * im.frames().length][];
              for (int i = 0; i < im.frames().length; i++) {
                pairs[i] = im.frames()[i];
                pairs[im.frames().length + i] = im.reconstructions()[i];
              }
              ImageGrids.save(
                  dir.resolve(RECONSTRUCTIONS), pairs, im.size(), im.size(), im.frames().length, 3);
            });
  }

  static Map<String, Object> json(RepresentationResult r) {
    RepresentationConfig c = r.config();
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("env", "pendulum / pendulum-pixels");
    settings.put("steps", c.steps());
    settings.put("seeds", c.seeds());
    settings.put("seed", c.seed());
    settings.put("image_size", c.pixelOptions().imageSize());
    settings.put("frame_stack", c.pixelOptions().frameStack());
    settings.put("collect_steps", c.collectSteps());
    settings.put("vae_epochs", c.vaeEpochs());
    settings.put("latent", c.latent());
    settings.put("vae_hidden", c.vaeHidden());
    settings.put("vae_batch_size", c.vaeBatch());
    settings.put("eval_every", c.evalEvery());
    settings.put("eval_episodes", c.evalEpisodes());
    settings.put("probe_frames", c.probeFrames());
    settings.put("pixels_variant", c.pixels().label());
    RepresentationConfig.BeliefVariant b = c.belief();
    settings.put("belief_collect_steps", b.collectSteps());
    settings.put("belief_window", b.window());
    settings.put("belief_dim_z", b.dimZ());
    settings.put("belief_hidden", b.hidden());
    settings.put("belief_deterministic", b.deterministic());
    settings.put("belief_model_steps", b.trainSteps());
    root.put("settings", settings);
    Map<String, Object> variants = new LinkedHashMap<>();
    for (String label : r.labels()) {
      List<RepresentationResult.Run> runs = r.runsOf(label);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("seeds", runs.stream().map(RepresentationResult.Run::seed).toList());
      v.put("eval_returns", runs.stream().map(RepresentationResult.Run::evalReturn).toList());
      v.put("eval_return_median", r.medianReturn(label));
      v.put("wall_seconds", runs.stream().map(RepresentationResult.Run::wallSeconds).toList());
      v.put("wall_seconds_median", r.medianWallSeconds(label));
      v.put(
          "representation_seconds",
          runs.stream().map(RepresentationResult.Run::representationSeconds).toList());
      v.put(
          "steps_per_second", runs.stream().map(RepresentationResult.Run::stepsPerSecond).toList());
      v.put(
          "updates_per_second",
          runs.stream().map(RepresentationResult.Run::updatesPerSecond).toList());
      RepresentationResult.Probe p = r.medianProbe(label);
      Map<String, Object> probe = new LinkedHashMap<>();
      probe.put("cos_theta", finite(p.cosTheta()));
      probe.put("sin_theta", finite(p.sinTheta()));
      probe.put("theta_dot", finite(p.thetaDot()));
      v.put("probe", probe);
      variants.put(label, v);
    }
    root.put("variants", variants);
    if (variants.containsKey("vae-z") && variants.containsKey("state")) {
      Map<String, Object> t = new LinkedHashMap<>();
      double z = r.medianReturn("vae-z");
      double s = r.medianReturn("state");
      RepresentationResult.Probe p = r.medianProbe("vae-z");
      t.put("vae_z_median_at_least_minus_300", z >= -300);
      t.put("vae_z_within_150_of_state", s - z <= 150);
      t.put("probe_cos_sin_at_least_0_9", p.cosTheta() >= 0.9 && p.sinTheta() >= 0.9);
      t.put(
          "wall_ratio_vae_z_over_state",
          r.medianWallSeconds("vae-z") / r.medianWallSeconds("state"));
      root.put("targets", t);
    }
    if (variants.containsKey("belief") && variants.containsKey("state")) {
      // issue 14: "single frames fail, the belief recovers most of the state's return"; with
      // --frame-stack 1 the vae-z variant is the single frame through the VAE
      Map<String, Object> t = new LinkedHashMap<>();
      double s = r.medianReturn("state");
      double belief = r.medianReturn("belief");
      t.put("belief_median", belief);
      t.put("state_median", s);
      if (variants.containsKey("vae-z")) {
        double f = r.medianReturn("vae-z");
        t.put("single_frame", c.pixelOptions().frameStack() == 1);
        t.put("belief_recovered_fraction", (belief - f) / (s - f));
      }
      t.put("belief_probe_theta_dot", finite(r.medianProbe("belief").thetaDot()));
      t.put(
          "wall_ratio_belief_over_state",
          r.medianWallSeconds("belief") / r.medianWallSeconds("state"));
      root.put("belief_targets", t);
    }
    return root;
  }

  private static Object finite(double x) {
    return Double.isFinite(x) ? x : null;
  }

  static String curves(RepresentationResult r) {
    StringBuilder sb = new StringBuilder("variant,seed,step,eval_return_mean,eval_return_std\n");
    for (RepresentationResult.Run run : r.runs()) {
      for (RepresentationResult.Point p : run.curve()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%s,%d,%d,%s,%s%n",
                run.variant(),
                run.seed(),
                p.step(),
                Double.toString(p.mean()),
                Double.toString(p.std())));
      }
    }
    return sb.toString();
  }

  /** Median over seeds with the min and max as the spread, per variant. */
  private static void returns(Path png, RepresentationResult r) {
    List<Plots.Series> series = new ArrayList<>();
    for (String label : r.labels()) {
      List<RepresentationResult.Run> runs = r.runsOf(label);
      int n = runs.stream().mapToInt(x -> x.curve().size()).min().orElse(0);
      double[] x = new double[n];
      double[] med = new double[n];
      double[] lo = new double[n];
      double[] hi = new double[n];
      for (int i = 0; i < n; i++) {
        int k = i;
        double[] v = runs.stream().mapToDouble(run -> run.curve().get(k).mean()).toArray();
        x[i] = runs.get(0).curve().get(i).step();
        med[i] = RepresentationResult.median(v);
        lo[i] = java.util.Arrays.stream(v).min().orElse(Double.NaN);
        hi[i] = java.util.Arrays.stream(v).max().orElse(Double.NaN);
      }
      series.add(new Plots.Series(label + " (median)", x, med));
      if (runs.size() > 1) {
        series.add(new Plots.Series(label + " min", x, lo));
        series.add(new Plots.Series(label + " max", x, hi));
      }
    }
    Plots.line(
        png,
        Plots.Axes.linear(
            "SAC on Pendulum: evaluation return vs environment steps ("
                + r.config().seeds()
                + " seeds)",
            "environment steps",
            "evaluation return"),
        series);
  }

  private static void wall(Path png, RepresentationResult r) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(800)
            .height(500)
            .title("SAC wall-clock seconds per run (median over seeds)")
            .xAxisTitle("variant")
            .yAxisTitle("seconds")
            .build();
    List<String> labels = r.labels();
    List<Double> seconds = labels.stream().map(r::medianWallSeconds).toList();
    chart.addSeries("SAC run", labels, seconds);
    if (labels.contains("vae-z")) {
      List<Double> extra =
          labels.stream()
              .map(
                  l ->
                      RepresentationResult.median(
                          r.runsOf(l).stream()
                              .mapToDouble(RepresentationResult.Run::representationSeconds)
                              .toArray()))
              .toList();
      chart.addSeries("VAE: collect + train", labels, extra);
    }
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    Plots.save(chart, png);
  }

  /**
   * Reads back what {@link #write} wrote into {@code dir} (runs, curves, probes; no images), so
   * that comparisons run as separate processes (one per seed) can be merged into one set of
   * outputs.
   *
   * @throws IllegalArgumentException one line for a missing or corrupt directory
   */
  static RepresentationResult read(Path dir) {
    Path json = dir.resolve(JSON);
    try {
      com.fasterxml.jackson.databind.JsonNode root = Json.MAPPER.readTree(json.toFile());
      com.fasterxml.jackson.databind.JsonNode st = root.get("settings");
      java.util.List<String> lines = java.nio.file.Files.readAllLines(dir.resolve(CURVES));
      Map<String, List<RepresentationResult.Point>> curves = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.split(",");
        curves
            .computeIfAbsent(c[0] + "#" + c[1], k -> new ArrayList<>())
            .add(
                new RepresentationResult.Point(
                    Long.parseLong(c[2]), Double.parseDouble(c[3]), Double.parseDouble(c[4])));
      }
      List<RepresentationResult.Run> runs = new ArrayList<>();
      var fields = root.get("variants").fields();
      while (fields.hasNext()) {
        var e = fields.next();
        com.fasterxml.jackson.databind.JsonNode v = e.getValue();
        com.fasterxml.jackson.databind.JsonNode p = v.get("probe");
        RepresentationResult.Probe probe =
            new RepresentationResult.Probe(
                number(p.get("cos_theta")), number(p.get("sin_theta")), number(p.get("theta_dot")));
        for (int i = 0; i < v.get("seeds").size(); i++) {
          long seed = v.get("seeds").get(i).asLong();
          double wall = v.get("wall_seconds").get(i).asDouble();
          runs.add(
              new RepresentationResult.Run(
                  e.getKey(),
                  seed,
                  v.get("eval_returns").get(i).asDouble(),
                  Double.NaN,
                  wall,
                  v.get("representation_seconds").get(i).asDouble(),
                  Math.round(v.get("steps_per_second").get(i).asDouble() * wall),
                  Math.round(v.get("updates_per_second").get(i).asDouble() * wall),
                  List.copyOf(curves.getOrDefault(e.getKey() + "#" + seed, List.of())),
                  probe));
        }
      }
      RepresentationConfig c =
          RepresentationConfig.defaults()
              .withSteps(st.get("steps").asLong())
              .withSeeds(st.get("seeds").asInt(), st.get("seed").asLong())
              .withPixelOptions(
                  new org.varl.rl.env.PixelOptions(
                      st.get("image_size").asInt(), st.get("frame_stack").asInt()))
              .withVae(
                  st.get("collect_steps").asInt(),
                  st.get("vae_epochs").asInt(),
                  st.get("latent").asInt(),
                  st.get("vae_hidden").asInt())
              .withEvaluation(st.get("eval_every").asLong(), st.get("eval_episodes").asInt())
              .withProbeFrames(st.get("probe_frames").asInt())
              .withVaeBatch(st.has("vae_batch_size") ? st.get("vae_batch_size").asInt() : 128)
              .withBelief(belief(st))
              .withPixels(
                  new RepresentationConfig.PixelsVariant(
                      st.get("pixels_variant").asText(), x -> x));
      return new RepresentationResult(c, runs, java.util.Optional.empty());
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "--merge: cannot read " + json + " and " + dir.resolve(CURVES) + ": " + e.getMessage());
    }
  }

  /** The belief settings of an older file (which has none) read as the defaults. */
  private static RepresentationConfig.BeliefVariant belief(
      com.fasterxml.jackson.databind.JsonNode st) {
    if (!st.has("belief_model_steps")) {
      return RepresentationConfig.BeliefVariant.defaults();
    }
    return new RepresentationConfig.BeliefVariant(
        st.get("belief_collect_steps").asInt(),
        st.get("belief_window").asInt(),
        st.get("belief_dim_z").asInt(),
        st.get("belief_hidden").asInt(),
        st.get("belief_deterministic").asInt(),
        st.get("belief_model_steps").asInt());
  }

  private static double number(com.fasterxml.jackson.databind.JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }

  /** The runs of {@code parts} as one result (settings of the first, seeds counted over all). */
  static RepresentationResult merge(List<RepresentationResult> parts) {
    List<RepresentationResult.Run> runs = new ArrayList<>();
    java.util.Set<Long> seeds = new java.util.TreeSet<>();
    for (RepresentationResult p : parts) {
      runs.addAll(p.runs());
      p.runs().forEach(r -> seeds.add(r.seed()));
    }
    runs.sort(java.util.Comparator.comparing(RepresentationResult.Run::seed));
    RepresentationConfig c = parts.get(0).config().withSeeds(seeds.size(), seeds.iterator().next());
    return new RepresentationResult(c, runs, java.util.Optional.empty());
  }
}
