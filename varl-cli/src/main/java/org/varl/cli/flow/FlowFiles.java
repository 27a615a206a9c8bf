package org.varl.cli.flow;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.Plots;
import org.varl.core.io.AtomicFiles;
import org.varl.models.diffusion.TimeConditionedMlp;
import org.varl.models.flow.FlowCheckpoint;
import org.varl.models.flow.FlowEvaluation;
import org.varl.models.flow.OdeSolver;

/** The files and figures of the flow commands. */
final class FlowFiles {

  private FlowFiles() {}

  /** A run's checkpoint with its network, closed together. */
  record LoadedModel(FlowCheckpoint checkpoint, NDManager manager, TimeConditionedMlp net)
      implements AutoCloseable {

    static LoadedModel load(Path dir) {
      FlowCheckpoint ck = FlowCheckpoint.read(dir);
      NDManager m = NDManager.newBaseManager();
      try {
        return new LoadedModel(ck, m, ck.network(m, ck.dimension()));
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
    }

    @Override
    public void close() {
      net.close();
      manager.close();
    }
  }

  /** samples.csv: a header {@code x1,...,xd}, then one point per row, no index column. */
  static void writeSamples(Path file, float[] points, int d) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < d; j++) {
      sb.append(j == 0 ? "" : ",").append("x").append(j + 1);
    }
    sb.append('\n');
    for (int i = 0; i < points.length; i += d) {
      for (int j = 0; j < d; j++) {
        sb.append(j == 0 ? "" : ",").append(points[i + j]);
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** A scatter of the first two coordinates. */
  static void scatter(Path png, String title, float[] points, int d) {
    int n = points.length / d;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = points[i * d];
      y[i] = d > 1 ? points[i * d + 1] : 0;
    }
    Plots.scatter(
        png, Plots.Axes.linear(title, "x1", "x2"), List.of(new Plots.Series("samples", x, y)));
  }

  /** quality.csv: nfe,solver,energy_distance,sample_logp,straightness. */
  static void writeQuality(Path file, List<FlowEvaluation.QualityRow> rows) {
    StringBuilder sb = new StringBuilder("nfe,solver,energy_distance,sample_logp,straightness\n");
    for (FlowEvaluation.QualityRow r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%.6f,%.6f,%.6f%n",
              r.nfe(),
              r.solver().id(),
              r.energyDistance(),
              r.sampleLogp(),
              r.straightness()));
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** Energy distance against NFE, one line per solver, log-log. */
  static void qualityPlot(Path png, String title, List<FlowEvaluation.QualityRow> rows) {
    List<Plots.Series> series = new ArrayList<>();
    for (OdeSolver s : OdeSolver.values()) {
      List<FlowEvaluation.QualityRow> mine = rows.stream().filter(r -> r.solver() == s).toList();
      if (mine.isEmpty()) {
        continue;
      }
      double[] x = new double[mine.size()];
      double[] y = new double[mine.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = mine.get(i).nfe();
        y[i] = Math.max(mine.get(i).energyDistance(), 1e-6);
      }
      series.add(new Plots.Series(s.id(), x, y));
    }
    Plots.line(png, new Plots.Axes(title, "NFE", "energy distance", true, true), series);
  }
}
