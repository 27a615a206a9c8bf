package org.varl.cli.imitation;

import ai.djl.ndarray.NDManager;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.Plots;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.imitation.ImitationModel;
import org.varl.experiments.imitation.ImitationPolicyKind;
import org.varl.experiments.imitation.ImitationTrainConfig;
import org.varl.experiments.imitation.ImitationTraining;
import org.varl.rl.imitation.DemoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl imitation train}: one policy trained on a demonstrations directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an imitation policy on DIR/demos.csv (states and actions standardized by the demos'"
          + " own mean and std, kept with the model); writes model.json, model.ckpt, metrics.csv"
          + " (step and the loss terms, nats per example) and loss.png into --out.",
      "Policies: bc-gaussian (MLP -> mean, log-variance; max. likelihood), bc-mse (regression),"
          + " cvae (q(z|s,a), p(a|s,z), prior N(0,I); -ELBO with weight beta on the KL),"
          + " cvae-learned-prior (prior p(z|s)), diffusion (conditional DDPM over actions)."
    })
public final class TrainCommand implements Callable<Integer> {

  /** The per-step metrics file. */
  static final String METRICS = "metrics.csv";

  /** The loss curve. */
  static final String LOSS_PNG = "loss.png";

  @Option(
      names = "--policy",
      paramLabel = "NAME",
      defaultValue = "cvae",
      description =
          "bc-gaussian, bc-mse, cvae, cvae-learned-prior or diffusion (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(
      names = "--demos",
      paramLabel = "DIR",
      required = true,
      description = "Directory written by varl imitation demos (demos.csv and demos.json).")
  Path demos;

  @Mixin TrainOptions options;

  @Mixin SeedOption seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = EngineOptions.ThreadCount.class,
      description =
          "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; small networks run best on 1).")
  int threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out/imitation-model",
      description = "Model directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    Outputs.directory(out);
    ImitationPolicyKind kind = ImitationPolicyKind.parse(policy);
    ImitationTrainConfig config = options.config(seed.seed).withPolicy(kind);
    DemoFiles.Demos d = DemoFiles.read(demos);
    EngineSetup.logging(false);
    EngineSetup.threads(threads);
    long start = System.nanoTime();
    try (NDManager m = NDManager.newBaseManager();
        ProgressListener bar = new ProgressListener("imitation train", "step")) {
      ImitationModel model = ImitationTraining.train(m, config, d.obstacles(), d.rows(), bar);
      double seconds = (System.nanoTime() - start) / 1e9;
      Outputs.all(
          () -> {
            model.write(out);
            writeMetrics(out.resolve(METRICS), model);
            lossPlot(out.resolve(LOSS_PNG), model);
            return null;
          });
      double[][] h = model.history();
      System.out.printf(
          Locale.ROOT,
          "trained %s on %d demo steps (%d obstacle(s)) in %.1f s: final loss %.4f; model in %s%n",
          kind.id(),
          d.rows().size(),
          d.obstacles(),
          seconds,
          h.length == 0 ? Double.NaN : h[h.length - 1][0],
          out);
    }
    return 0;
  }

  static void writeMetrics(Path file, ImitationModel model) {
    List<String> columns = model.historyColumns();
    double[][] h = model.history();
    AtomicFiles.write(
        file,
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          w.write("step," + String.join(",", columns) + "\n");
          for (int t = 0; t < h.length; t++) {
            StringBuilder line = new StringBuilder().append(t + 1);
            for (double v : h[t]) {
              line.append(',').append(v);
            }
            w.write(line.append('\n').toString());
          }
          w.flush();
        });
  }

  /** The loss terms per step, smoothed over windows of 50 steps (each step is one minibatch). */
  static void lossPlot(Path png, ImitationModel model) {
    List<String> columns = model.historyColumns();
    double[][] h = model.history();
    int window = 50;
    int points = Math.max(1, h.length / window);
    List<Plots.Series> series = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      double[] x = new double[points];
      double[] y = new double[points];
      for (int p = 0; p < points; p++) {
        int from = p * window;
        int to = Math.min(h.length, from + window);
        double sum = 0;
        for (int t = from; t < to; t++) {
          sum += h[t][c];
        }
        x[p] = to;
        y[p] = to > from ? sum / (to - from) : Double.NaN;
      }
      series.add(new Plots.Series(columns.get(c), x, y));
    }
    Plots.line(
        png,
        Plots.Axes.linear(
            model.kind().id() + ": training loss (mean over 50 steps)", "step", "nats per example"),
        series);
  }
}
