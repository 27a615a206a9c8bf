package org.varl.cli.flow;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.varl.cli.common.Plots;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.flow.CouplingConfig;
import org.varl.experiments.flow.CouplingExperiment;
import org.varl.experiments.flow.CouplingResult;
import org.varl.models.flow.Coupling;
import org.varl.models.flow.FlowEvaluation;

/**
 * The flow-matching part of the diffusion tour section: I-CFM vs OT-CFM ({@link
 * CouplingExperiment}), its figures (the learned paths of both, energy distance against Euler NFE),
 * {@code flow-quality.csv}, and findings checked against the run. {@link #run} is what the
 * diffusion section calls; about 15 s on one thread.
 */
public final class FlowTourPart {

  private FlowTourPart() {}

  /** The NFE at which "good samples at few steps" is judged. */
  static final int FEW_STEPS = 2;

  /** The part's result, to be merged into a {@link TourResult}. */
  public record Part(
      String claim, List<TourResult.Figure> figures, List<String> findings, List<String> metrics) {}

  /** Runs the experiment on its defaults with the tour's seed and writes the files. */
  public static Part run(TourContext context) {
    CouplingConfig config = CouplingConfig.defaults().withSeed(context.seed());
    EngineSetup.threads(1);
    CouplingResult r;
    try (ProgressListener bar = new ProgressListener("tour flow", "step")) {
      r = CouplingExperiment.run(config, context.dir().resolve("flow-runs"), bar);
    }
    Path dir = context.dir();
    List<TourResult.Figure> figures = new ArrayList<>();
    for (CouplingResult.Run run : r.runs()) {
      String file = "flow-paths-" + run.coupling().id() + ".png";
      paths(
          dir.resolve(file),
          label(run.coupling()) + " paths, Euler NFE " + run.paths()[0].length,
          run.paths());
      figures.add(
          new TourResult.Figure(
              file,
              String.format(
                  Locale.ROOT,
                  "%s: Euler paths of %d noise points from t = 0 to 1 (straightness %.3f).",
                  label(run.coupling()),
                  run.paths().length,
                  run.straightness())));
    }
    List<Plots.Series> series = new ArrayList<>();
    for (CouplingResult.Run run : r.runs()) {
      double[] x = run.quality().stream().mapToDouble(FlowEvaluation.QualityRow::nfe).toArray();
      double[] y =
          run.quality().stream().mapToDouble(q -> Math.max(q.energyDistance(), 1e-6)).toArray();
      series.add(new Plots.Series(label(run.coupling()), x, y));
    }
    Plots.line(
        dir.resolve("flow-quality-nfe.png"),
        new Plots.Axes("Sample quality against NFE (Euler)", "NFE", "energy distance", true, true),
        series);
    figures.add(
        new TourResult.Figure(
            "flow-quality-nfe.png",
            "Energy distance to held-out data against the number of Euler steps, same noise for both."));
    StringBuilder csv =
        new StringBuilder("coupling,nfe,energy_distance,sample_logp,straightness\n");
    for (CouplingResult.Run run : r.runs()) {
      for (FlowEvaluation.QualityRow q : run.quality()) {
        csv.append(
            String.format(
                Locale.ROOT,
                "%s,%d,%.6f,%.6f,%.6f%n",
                run.coupling().id(),
                q.nfe(),
                q.energyDistance(),
                q.sampleLogp(),
                q.straightness()));
      }
    }
    AtomicFiles.writeString(dir.resolve("flow-quality.csv"), csv.toString());
    return new Part(
        "Flow matching with a mini-batch optimal-transport coupling (OT-CFM) learns straighter"
            + " paths than the independent coupling (I-CFM), so that a few Euler steps already give"
            + " good samples.",
        figures,
        findings(r),
        List.of("flow-quality.csv"));
  }

  static String label(Coupling c) {
    return c == Coupling.OT ? "OT-CFM" : "I-CFM";
  }

  /** The part's findings, each claim checked against the run's numbers. */
  static List<String> findings(CouplingResult r) {
    CouplingResult.Run i = r.of(Coupling.INDEPENDENT);
    CouplingResult.Run o = r.of(Coupling.OT);
    List<String> findings = new ArrayList<>();
    findings.add(
        TourResult.finding(
            o.straightness() < i.straightness(),
            String.format(
                Locale.ROOT,
                "Straightness (Liu et al.; 0 for straight paths): OT-CFM %.3f, I-CFM %.3f.",
                o.straightness(),
                i.straightness())));
    FlowEvaluation.QualityRow of = o.at(FEW_STEPS);
    FlowEvaluation.QualityRow inf = i.at(FEW_STEPS);
    findings.add(
        TourResult.finding(
            of.energyDistance() < inf.energyDistance(),
            String.format(
                Locale.ROOT,
                "At %d Euler steps the energy distance is %.4f for OT-CFM against %.4f for I-CFM"
                    + " (mean true log-density %.2f vs %.2f).",
                FEW_STEPS,
                of.energyDistance(),
                inf.energyDistance(),
                of.sampleLogp(),
                inf.sampleLogp())));
    FlowEvaluation.QualityRow ol = o.quality().get(o.quality().size() - 1);
    FlowEvaluation.QualityRow il = i.quality().get(i.quality().size() - 1);
    findings.add(
        String.format(
            Locale.ROOT,
            "With %d steps both are close: %.4f (OT-CFM) and %.4f (I-CFM); the exact assignment costs"
                + " training speed (%.0f vs %.0f steps/s).",
            ol.nfe(),
            ol.energyDistance(),
            il.energyDistance(),
            o.stepsPerSecond(),
            i.stepsPerSecond()));
    return findings;
  }

  /** The paths {@code [path][step][d]}, one grey line each, start and end marked. */
  static void paths(Path png, String title, float[][][] paths) {
    XYChart chart =
        new XYChartBuilder()
            .width(600)
            .height(600)
            .title(title)
            .xAxisTitle("x1")
            .yAxisTitle("x2")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    double[] sx = new double[paths.length];
    double[] sy = new double[paths.length];
    double[] ex = new double[paths.length];
    double[] ey = new double[paths.length];
    for (int p = 0; p < paths.length; p++) {
      int k = paths[p].length;
      double[] x = new double[k];
      double[] y = new double[k];
      for (int s = 0; s < k; s++) {
        x[s] = paths[p][s][0];
        y[s] = paths[p][s].length > 1 ? paths[p][s][1] : 0;
      }
      chart
          .addSeries("path " + p, x, y)
          .setMarker(SeriesMarkers.NONE)
          .setLineColor(new Color(120, 120, 120, 140));
      sx[p] = x[0];
      sy[p] = y[0];
      ex[p] = x[k - 1];
      ey[p] = y[k - 1];
    }
    if (paths.length > 0) {
      chart
          .addSeries("noise", sx, sy)
          .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
          .setMarkerColor(new Color(30, 90, 200));
      chart
          .addSeries("samples", ex, ey)
          .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
          .setMarkerColor(new Color(220, 60, 30));
    }
    Plots.save(chart, png);
  }
}
