package org.varl.cli.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.varl.cli.common.ImageGrids;
import org.varl.cli.common.Json;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.Outputs;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.AtomicFiles;
import org.varl.models.ssm.ReplaySequences;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SequenceElbo;
import org.varl.models.ssm.SsmCheckpoint;
import org.varl.models.ssm.SsmPrediction;
import org.varl.models.ssm.SsmTrainer;
import org.varl.models.vae.Likelihood;
import org.varl.models.vae.TrainedVae;
import org.varl.models.vae.Vae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl ssm predict}: open-loop frame prediction from a filtered belief, and its probe. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "On the held-out windows (the last 20%%) of a replay directory cut into --context +"
          + " --horizon steps: filter the first --context frames (the encoder's means), roll the"
          + " prior forward under the recorded actions and decode the means; score each horizon"
          + " step by the pixel MSE against the last context frame repeated and, with --vae, the"
          + " last context frame through a per-frame VAE (no dynamics). A linear probe from the"
          + " filtered belief (mu_z, and [mu_z, h_t] for the RSSM) to the true states.",
      "Writes prediction.csv (horizon, model_mse, last_frame_mse[, vae_mse]), prediction.json"
          + " (means, probe R^2 per state column, the held-out ELBO per step) and prediction.png (rows of true frames above"
          + " the model's)."
    })
public final class SsmPredictCommand implements Callable<Integer> {

  static final String CSV = "prediction.csv";
  static final String JSON = "prediction.json";
  static final String PNG = "prediction.png";

  @Mixin ModelOption model;

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      description = "replay:DIR, a directory of varl rl collect (default: the run's own data).")
  String data;

  @Option(
      names = "--context",
      paramLabel = "C",
      defaultValue = "5",
      description = "Frames filtered before the rollout (default: ${DEFAULT-VALUE}).")
  int context;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      defaultValue = "30",
      description = "Steps predicted open loop (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--vae",
      paramLabel = "RUN",
      description =
          "A varl vae train run on the same frames: the per-frame baseline (default: none, the"
              + " baseline is skipped).")
  Path vae;

  @Option(
      names = "--strip",
      paramLabel = "N",
      defaultValue = "4",
      description = "Held-out windows drawn in prediction.png, 1..32 (default: ${DEFAULT-VALUE}).")
  int strip;

  @Override
  public Integer call() {
    model.checkOut();
    SsmGenerateCommand.requireRange("--context", context, 1, 10_000);
    SsmGenerateCommand.requireRange("--horizon", horizon, 1, 10_000);
    SsmGenerateCommand.requireRange("--strip", strip, 1, 32);
    String source = SsmCommand.dataSpec(data != null ? data : recordedData(model.model));
    if (!source.startsWith("replay:")) {
      throw new IllegalArgumentException(
          "--data must be replay:DIR (frames with their true states), found '" + data + "'");
    }
    int steps = context + horizon;
    ReplaySequences all;
    try {
      all = ReplaySequences.read(SsmCommand.dataPath(source), steps, 2);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m.contains(" windows of ")
              ? m.replace(
                  "; use a smaller --window or collect more steps",
                  "; --context " + context + " + --horizon " + horizon + " is too long")
              : m);
    }
    SequenceData heldAll = all.data().heldOut();
    if (heldAll.sequences() < 2) {
      throw new IllegalArgumentException(
          "--data "
              + source.substring(7)
              + ": the held-out 20% holds "
              + heldAll.sequences()
              + " window of "
              + steps
              + " steps, at least 2 are needed for the probe; collect more steps");
    }
    int from = all.data().trainCount();
    int m = all.stateNames().size();
    double[] states =
        java.util.Arrays.copyOfRange(
            all.states(), from * steps * m, all.data().sequences() * steps * m);
    EngineSetup.logging(false);
    EngineSetup.threads(1);
    try (NDManager root = NDManager.newBaseManager();
        TrainedVae frameVae = vae == null ? null : TrainedVae.load(vae)) {
      SsmTrainer.Run run =
          SsmCheckpoint.read(model.model.resolve(SsmTrainCommand.CHECKPOINT), root);
      SsmTrainCommand.requireFits(run.model().config(), heldAll);
      UnaryOperator<float[][]> baseline = null;
      if (frameVae != null) {
        Vae v = frameVae.vae();
        if (v.config().inputDim() != heldAll.dimX()) {
          throw new IllegalArgumentException(
              "--vae "
                  + vae
                  + " reads "
                  + v.config().inputDim()
                  + " pixels per frame, the replay's frames have "
                  + heldAll.dimX());
        }
        baseline = frames -> reconstruct(v, frames);
      }
      SsmPrediction.Result r =
          SsmPrediction.run(root, run.model(), heldAll, states, m, context, horizon, baseline);
      Map<String, Object> out = summary(r, run, source, heldAll.sequences(), all.stateNames());
      // the held-out ELBO of the same windows (4 draws each), nats per step
      double[][] terms = SequenceElbo.evaluate(root, run.model(), heldAll, 4, 1);
      double elbo = 0;
      for (double e : terms[0]) {
        elbo += e / heldAll.length() / heldAll.sequences();
      }
      out.put("heldout_elbo_per_step", elbo);
      Path dir = model.outDir();
      int side = all.imageSize();
      Outputs.all(
          () -> {
            writeCsv(dir.resolve(CSV), r);
            Json.write(dir.resolve(JSON), out);
            ImageGrids.save(
                dir.resolve(PNG), stripImages(heldAll, r, strip, steps), side, side, steps, 2);
            return null;
          });
      System.out.printf(
          Locale.ROOT,
          "%d held-out windows, context %d, horizon %d: pixel MSE mean over the horizon %.5f"
              + " (model), %.5f (last frame)%s; probe R^2 from the belief %s; %s%n",
          heldAll.sequences(),
          context,
          horizon,
          mean(r.modelMse()),
          mean(r.lastFrameMse()),
          r.frameBaselineMse() == null
              ? ""
              : String.format(Locale.ROOT, ", %.5f (vae)", mean(r.frameBaselineMse())),
          probeText(all.stateNames(), r.probeBelief() != null ? r.probeBelief() : r.probeZ()),
          dir.resolve(JSON));
    }
    return 0;
  }

  private static String recordedData(Path runDir) {
    Path file = runDir.resolve(SsmTrainCommand.RUN);
    if (Files.isRegularFile(file)) {
      try {
        JsonNode n = Json.MAPPER.readTree(file.toFile()).get("dataSpec");
        if (n != null && n.isTextual()) {
          return n.asText();
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
      }
    }
    throw new IllegalArgumentException(
        "--data is needed: " + file + " records no replay data for the run");
  }

  /** The VAE's reconstruction of each frame: decoder of the encoder's mean, as a mean frame. */
  static float[][] reconstruct(Vae v, float[][] frames) {
    int n = frames.length;
    int d = frames[0].length;
    float[] flat = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(frames[i], 0, flat, i * d, d);
    }
    float[] rec;
    try (NDManager m = v.manager().newSubManager()) {
      NDArray x = m.create(flat, new Shape(n, d));
      NDArray out = v.decode(v.encode(x, false).get(0), false);
      if (v.config().likelihood() == Likelihood.BERNOULLI) {
        out = ai.djl.nn.Activation.sigmoid(out);
      }
      rec = out.toFloatArray();
    }
    float[][] r = new float[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rec, i * d, r[i], 0, d);
    }
    return r;
  }

  private static Map<String, Object> summary(
      SsmPrediction.Result r, SsmTrainer.Run run, String source, int n, List<String> names) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", source);
    out.put("encoder", run.model().config().encoder().id());
    out.put("rssm", run.model().config().recurrent());
    out.put("likelihood", run.model().config().likelihood().id());
    out.put("arch", run.model().config().architecture().id());
    out.put("train_steps", run.steps());
    out.put("sequences", n);
    out.put("context", r.predicted()[0].length - r.modelMse().length);
    out.put("horizon", r.modelMse().length);
    out.put("model_mse_mean", mean(r.modelMse()));
    out.put("last_frame_mse_mean", mean(r.lastFrameMse()));
    if (r.frameBaselineMse() != null) {
      out.put("vae_mse_mean", mean(r.frameBaselineMse()));
      out.put("vae_baseline", "the last context frame through the --vae run");
    } else {
      out.put("vae_mse_mean", null);
      out.put("vae_baseline", "skipped: no --vae given");
    }
    out.put(
        "probe_rows", "filtered steps t >= context - 1, fit on half the windows, R^2 on the rest");
    out.put("probe_z", named(names, r.probeZ()));
    out.put("probe_belief", r.probeBelief() == null ? null : named(names, r.probeBelief()));
    return out;
  }

  private static Map<String, Object> named(List<String> names, double[] r2) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), Double.isFinite(r2[i]) ? r2[i] : null);
    }
    return m;
  }

  private static String probeText(List<String> names, double[] r2) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals("theta")) {
        parts.add(String.format(Locale.ROOT, "%s %.3f", names.get(i), r2[i]));
      }
    }
    return String.join(", ", parts);
  }

  static void writeCsv(Path file, SsmPrediction.Result r) {
    StringBuilder b = new StringBuilder("horizon,model_mse,last_frame_mse");
    boolean vae = r.frameBaselineMse() != null;
    b.append(vae ? ",vae_mse\n" : "\n");
    for (int k = 0; k < r.modelMse().length; k++) {
      b.append(k + 1).append(',').append(r.modelMse()[k]).append(',').append(r.lastFrameMse()[k]);
      if (vae) {
        b.append(',').append(r.frameBaselineMse()[k]);
      }
      b.append('\n');
    }
    AtomicFiles.writeString(file, b.toString());
  }

  /** For each of the first {@code count} windows: a row of true frames above the model's. */
  static float[][] stripImages(SequenceData held, SsmPrediction.Result r, int count, int steps) {
    int n = Math.min(count, held.sequences());
    int dx = held.dimX();
    float[][] images = new float[2 * n * steps][];
    for (int s = 0; s < n; s++) {
      double[][] obs = held.observations(s);
      for (int t = 0; t < steps; t++) {
        float[] f = new float[dx];
        for (int j = 0; j < dx; j++) {
          f[j] = (float) obs[t][j];
        }
        images[(2 * s) * steps + t] = f;
        images[(2 * s + 1) * steps + t] = r.predicted()[s][t];
      }
    }
    return images;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
