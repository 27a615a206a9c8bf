package org.varl.cli.imitation;

import ai.djl.ndarray.NDManager;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Json;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.imitation.ImitationEvaluation;
import org.varl.experiments.imitation.ImitationModel;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstacleRollout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl imitation eval}: rollouts of a trained policy and their D3IL metrics. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Roll out a trained imitation policy from fresh start states (the seed's evaluation stream,"
          + " never a demonstration's) and score it; writes rollouts.csv (episode, step, x, y, dx, dy),"
          + " eval.json (success, collision and timeout rates, mode counts and fractions of the"
          + " successes, behaviour entropy, mean jerk) and rollouts.png into --out.",
      "--z chooses the CVAE's latent at test time; the other policies ignore it."
    })
public final class EvalCommand implements Callable<Integer> {

  static final String ROLLOUTS = "rollouts.csv";
  static final String EVAL = "eval.json";
  static final String ROLLOUTS_PNG = "rollouts.png";

  /** Rollouts drawn in rollouts.png. */
  static final int DRAWN = 100;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      required = true,
      description = "Model directory written by varl imitation train.")
  Path model;

  @Option(
      names = "--episodes",
      paramLabel = "N",
      defaultValue = "200",
      description = "Evaluation episodes (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--z",
      paramLabel = "per-episode|per-step|zero",
      defaultValue = "per-episode",
      description =
          "CVAE latent at test time: per-episode (drawn from the prior once and held), per-step"
              + " (a fresh draw every step) or zero (the prior mean) (default: ${DEFAULT-VALUE}).")
  String z;

  @Mixin SeedOption seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = EngineOptions.ThreadCount.class,
      description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory for the outputs (default: the --model directory).")
  Path out;

  @Override
  public Integer call() {
    Path dir = out != null ? out : model;
    Outputs.directory(dir);
    LatentChoice choice = LatentChoice.parse(z);
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
    EngineSetup.logging(false);
    EngineSetup.threads(threads);
    try (NDManager m = NDManager.newBaseManager();
        ProgressListener bar = new ProgressListener("imitation eval", "episode")) {
      ImitationModel trained = ImitationModel.read(model, m);
      ImitationEvaluation.Result r =
          ImitationEvaluation.evaluate(m, trained, choice, episodes, seed.seed, bar);
      ImitationMetrics metrics = r.metrics();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", model.toString());
      json.put("policy", trained.kind().id());
      json.put("obstacles", trained.obstacles());
      json.put("z", trained.kind().hasLatent() ? choice.id() : null);
      json.put("seed", seed.seed);
      json.putAll(metricsJson(metrics));
      Outputs.all(
          () -> {
            writeRollouts(dir.resolve(ROLLOUTS), r.rollouts());
            Json.write(dir.resolve(EVAL), json);
            ImitationFigures.map(
                dir.resolve(ROLLOUTS_PNG),
                trained.obstacles(),
                List.of(
                    new ImitationFigures.Panel(
                        label(trained, choice)
                            + ": first "
                            + Math.min(DRAWN, episodes)
                            + " rollouts",
                        ImitationFigures.rollouts(trained.obstacles(), r.rollouts(), DRAWN))),
                1);
            return null;
          });
      System.out.printf(
          Locale.ROOT,
          "%s: success %.3f, collision %.3f, timeout %.3f, modes %s, behaviour entropy %.3f,"
              + " mean jerk %.3g over %d episodes; %s%n",
          label(trained, choice),
          metrics.successRate(),
          metrics.collisionRate(),
          metrics.timeoutRate(),
          metrics.modeCounts(),
          metrics.behaviourEntropy(),
          metrics.meanJerk(),
          episodes,
          dir.resolve(EVAL));
    }
    return 0;
  }

  static String label(ImitationModel model, LatentChoice choice) {
    return model.kind().id() + (model.kind().hasLatent() ? " z " + choice.id() : "");
  }

  /** The metrics under the names of eval.json and compare.csv. */
  static Map<String, Object> metricsJson(ImitationMetrics m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("episodes", m.episodes());
    json.put("success_rate", m.successRate());
    json.put("collision_rate", m.collisionRate());
    json.put("timeout_rate", m.timeoutRate());
    json.put("mode_counts", m.modeCounts());
    json.put("mode_fractions", m.modeFractions());
    json.put("behaviour_entropy", m.behaviourEntropy());
    json.put("mean_jerk", Double.isFinite(m.meanJerk()) ? m.meanJerk() : null);
    return json;
  }

  static void writeRollouts(Path file, List<ObstacleRollout> rollouts) {
    AtomicFiles.write(
        file,
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          w.write("episode,step,x,y,dx,dy,outcome\n");
          for (int e = 0; e < rollouts.size(); e++) {
            ObstacleRollout r = rollouts.get(e);
            for (int t = 0; t < r.actions().size(); t++) {
              double[] s = r.positions().get(t);
              double[] a = r.actions().get(t);
              w.write(
                  e
                      + ","
                      + t
                      + ","
                      + s[0]
                      + ","
                      + s[1]
                      + ","
                      + a[0]
                      + ","
                      + a[1]
                      + ","
                      + r.outcome().name().toLowerCase(Locale.ROOT)
                      + "\n");
            }
          }
          w.flush();
        });
  }
}
