package org.varl.bench.rl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.varl.core.engine.EngineSetup;
import org.varl.rl.agents.SoftQConfig;
import org.varl.rl.train.MetricsRow;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainConfig;
import org.varl.rl.train.TrainListener;

/**
 * Trains one discrete-action agent ({@code dqn}, {@code soft-q} or {@code dsac}, with its defaults)
 * on CartPole-v1 through {@link OffPolicyTrainer} (the run {@code varl rl train} makes), evaluating
 * the deterministic (argmax) policy on {@code EVAL} episodes once, at the last step. Prints one
 * line: {@code algo A seed S alpha X steps T updates U eval_mean M eval_std D train_seconds W}. The
 * run directory is a temporary one, deleted afterwards.
 *
 * <p>Usage: {@code CartPoleDiscrete ALGO SEED [STEPS=50000] [ALPHA (empty: the default)]
 * [EVAL=10]}.
 */
public final class CartPoleDiscrete {
  private CartPoleDiscrete() {}

  private static String defaultAlpha(String algo) {
    return switch (algo) {
      case "soft-q" -> Double.toString(SoftQConfig.SOFT_Q_ALPHA);
      case "dqn" -> "0.0";
      default -> "auto";
    };
  }

  public static void main(String[] args) throws IOException {
    String algo = args[0];
    long seed = Long.parseLong(args[1]);
    long steps = args.length > 2 ? Long.parseLong(args[2]) : 50_000;
    String alpha = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
    int evalEpisodes = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    EngineSetup.threads(1);
    TrainConfig config =
        TrainConfig.defaults()
            .withEnv("cartpole")
            .withAlgo(algo)
            .withSteps(steps)
            .withSeed(seed)
            .withEvaluation(steps, evalEpisodes)
            .withThreads(1);
    if (alpha != null) {
      config = config.withAlpha(alpha);
    }
    Path out = Files.createTempDirectory("varl-cartpole-" + algo);
    try {
      long start = System.nanoTime();
      OffPolicyTrainer.Result result = OffPolicyTrainer.run(config, out, TrainListener.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      MetricsRow eval = result.lastEvaluation();
      System.out.println(
          String.format(
              Locale.ROOT,
              "algo %s seed %d alpha %s steps %d updates %d eval_mean %.1f eval_std %.1f"
                  + " train_seconds %.1f",
              algo,
              seed,
              alpha != null ? alpha : defaultAlpha(algo),
              result.steps(),
              result.updates(),
              eval.evalReturnMean(),
              eval.evalReturnStd(),
              seconds));
    } finally {
      try (Stream<Path> files = Files.walk(out)) {
        files
            .sorted(Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.delete(p);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
    }
  }
}
