package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Json;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.SeedOption;
import org.varl.core.engine.EngineSetup;
import org.varl.rl.train.Evaluation;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainConfig;
import org.varl.rl.train.TrainedAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl rl eval}: the trained agent of a run on fresh episodes, reset from seeds disjoint
 * from the training's and from its own evaluations; writes {@code eval.json}.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a trained agent (deterministic tanh(mean) / argmax actions unless --stochastic);"
          + " writes eval.json (returns of every episode, mean, population std) into --out.",
      "Episode starts come from the seed's evaluation stream: never a training episode's start."
    })
public final class RlEvalCommand implements Callable<Integer> {

  /** The file written. */
  static final String FILE = "eval.json";

  @Option(
      names = "--model",
      paramLabel = "DIR",
      required = true,
      description = "Run directory written by varl rl train.")
  Path model;

  @Option(
      names = "--episodes",
      paramLabel = "N",
      defaultValue = "10",
      description = "Episodes (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Mixin SeedOption seed;

  @Option(
      names = "--stochastic",
      description =
          "Sample actions from the policy (default: off, deterministic: tanh(mean) for SAC, the"
              + " argmax for discrete agents).")
  boolean stochastic;

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
      description = "Directory for eval.json (default: the --model directory).")
  Path out;

  @Override
  public Integer call() {
    Path dir = out != null ? out : model;
    Outputs.directory(dir);
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
    }
    EngineSetup.logging(false);
    EngineSetup.threads(threads);
    TrainConfig config = OffPolicyTrainer.readConfig(model);
    Evaluation e = TrainedAgent.evaluate(model, episodes, seed.seed, !stochastic);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.toString());
    json.put("algo", config.algo());
    json.put("env", config.env());
    json.put("episodes", episodes);
    json.put("seed", seed.seed);
    json.put("deterministic", !stochastic);
    json.put("returns", e.returns());
    json.put("mean", e.mean());
    json.put("std", e.std());
    Outputs.all(
        () -> {
          Json.write(dir.resolve(FILE), json);
          return null;
        });
    System.out.printf(
        Locale.ROOT,
        "%s on %s: return %.1f +/- %.1f over %d %s episodes; %s%n",
        config.algo(),
        config.env(),
        e.mean(),
        e.std(),
        episodes,
        stochastic ? "stochastic" : "deterministic",
        dir.resolve(FILE));
    return 0;
  }
}
