package org.varl.cli.imitation;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.imitation.CompareResult;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.eval.ImitationMetrics;

/**
 * The outputs of a comparison: {@code compare.csv} (one row per policy, z choice and seed), {@code
 * compare.md} (the table over seeds: mean and [min, max]), {@code compare.png} (the demos and the
 * first seed's rollouts, a panel per policy and z) and {@code latents.png}.
 */
final class CompareFiles {

  static final String CSV = "compare.csv";
  static final String MD = "compare.md";
  static final String PNG = "compare.png";
  static final String LATENTS = "latents.png";

  /** Rollouts drawn per panel. */
  static final int DRAWN = 60;

  private CompareFiles() {}

  /** Writes the four files (inside the caller's output set); returns their paths. */
  static List<Path> write(Path dir, CompareResult r, List<DemoRow> demos) {
    List<Path> files = new ArrayList<>();
    files.add(csv(dir.resolve(CSV), r));
    Path md = dir.resolve(MD);
    AtomicFiles.write(md, out -> out.write(markdown(r).getBytes(StandardCharsets.UTF_8)));
    files.add(md);
    files.add(figure(dir.resolve(PNG), r, demos));
    if (r.latentMeans().isPresent()) {
      Path latents = dir.resolve(LATENTS);
      ImitationFigures.latents(latents, r.latentMeans().get(), r.latent(), demos);
      files.add(latents);
    }
    return files;
  }

  static Path csv(Path file, CompareResult r) {
    AtomicFiles.write(
        file,
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          w.write(
              "policy,z,seed,episodes,success_rate,collision_rate,timeout_rate,behaviour_entropy,"
                  + "mean_jerk,first_abs_dx,train_seconds"
                  + modeColumns(r.expert().modes())
                  + "\n");
          for (CompareResult.Cell c : r.cells()) {
            ImitationMetrics m = c.metrics();
            StringBuilder line =
                new StringBuilder()
                    .append(c.policy().id())
                    .append(',')
                    .append(c.z() == null ? "" : c.z().id())
                    .append(',')
                    .append(c.seed())
                    .append(',')
                    .append(m.episodes())
                    .append(',')
                    .append(m.successRate())
                    .append(',')
                    .append(m.collisionRate())
                    .append(',')
                    .append(m.timeoutRate())
                    .append(',')
                    .append(m.behaviourEntropy())
                    .append(',')
                    .append(m.meanJerk())
                    .append(',')
                    .append(c.firstDx())
                    .append(',')
                    .append(c.trainSeconds());
            for (int count : m.modeCounts()) {
              line.append(',').append(count);
            }
            w.write(line.append('\n').toString());
          }
          w.flush();
        });
    return file;
  }

  private static String modeColumns(int modes) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < modes; k++) {
      b.append(",mode_").append(k);
    }
    return b.toString();
  }

  /** The table over seeds, with the expert as the reference row. */
  static String markdown(CompareResult r) {
    StringBuilder b = new StringBuilder();
    int seeds = r.summaries().isEmpty() ? 0 : r.summaries().get(0).seeds();
    b.append(
        String.format(
            Locale.ROOT,
            "Obstacle task, %d disc(s), %d evaluation episodes per cell, %d seed(s): mean [min, max]"
                + " over seeds.%n%n",
            r.obstacles(),
            r.expert().episodes(),
            seeds));
    b.append(
        "| policy | success | collision | timeout | behaviour entropy | mode fractions | mean jerk |"
            + " first abs(dx) | train s |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    ImitationMetrics e = r.expert();
    b.append(
        String.format(
            Locale.ROOT,
            "| expert (scripted) | %.3f | %.3f | %.3f | %.3f | %s | %.2e | %.4f | – |%n",
            e.successRate(),
            e.collisionRate(),
            e.timeoutRate(),
            e.behaviourEntropy(),
            fractions(e.modeFractions().stream().mapToDouble(Double::doubleValue).toArray()),
            e.meanJerk(),
            r.expertFirstDx()));
    for (CompareResult.Summary s : r.summaries()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %.2e | %.4f | %.1f |%n",
              s.label(),
              spread(s.success()),
              spread(s.collision()),
              spread(s.timeout()),
              spread(s.entropy()),
              fractions(s.modeFractions()),
              s.jerk().mean(),
              s.firstDx().mean(),
              s.trainSeconds()));
    }
    return b.toString();
  }

  static String spread(CompareResult.Spread s) {
    if (s.min() == s.max()) {
      return String.format(Locale.ROOT, "%.3f", s.mean());
    }
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.mean(), s.min(), s.max());
  }

  static String fractions(double[] f) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < f.length; i++) {
      b.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", f[i]));
    }
    return b.toString();
  }

  /** The demos and one panel per (policy, z) of the first seed. */
  static Path figure(Path png, CompareResult r, List<DemoRow> demos) {
    List<ImitationFigures.Panel> panels = new ArrayList<>();
    panels.add(
        new ImitationFigures.Panel(
            "expert demonstrations (" + DRAWN + ")", ImitationFigures.demos(demos, DRAWN)));
    for (int i = 0; i < r.summaries().size(); i++) {
      CompareResult.Summary s = r.summaries().get(i);
      panels.add(
          new ImitationFigures.Panel(
              s.label(), ImitationFigures.rollouts(r.obstacles(), r.rollouts().get(i), DRAWN)));
    }
    ImitationFigures.map(png, r.obstacles(), panels, 4);
    return png;
  }
}
