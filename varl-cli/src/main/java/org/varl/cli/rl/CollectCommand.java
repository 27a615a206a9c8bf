package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.SeedOption;
import org.varl.cli.common.StepBar;
import org.varl.core.engine.EngineSetup;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.replay.ReplayDirectory;
import org.varl.rl.repr.Collect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl rl collect}: a replay directory of pixel frames, actions, rewards, flags and true
 * states ({@link Collect}, {@link ReplayDirectory}), for {@code varl vae train --data replay:DIR}.
 */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Run a policy in a pixel environment and write a replay directory into --out:"
          + " frames-idx3-ubyte (the newest frame of each step's observation), steps.csv (actions,"
          + " rewards, flags), states.csv (the true states, for probes) and replay.json.",
      "The frames are a data set for varl vae train --data replay:DIR."
    })
public final class CollectCommand implements Callable<Integer> {

  @Option(
      names = "--env",
      paramLabel = "pendulum-pixels|cartpole-pixels",
      defaultValue = "pendulum-pixels",
      description = "pendulum-pixels or cartpole-pixels (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--policy",
      paramLabel = "random|MODEL",
      defaultValue = "random",
      description =
          "random (uniform actions) or the run directory of varl rl train, trained on this"
              + " environment or on its state version (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Environment steps to record (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(
      names = "--image-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "Side of a frame in pixels, in [8, 256] (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(
      names = "--frame-stack",
      paramLabel = "K",
      defaultValue = "3",
      description = "Frames per observation, in [1, 16] (default: ${DEFAULT-VALUE}).")
  int frameStack;

  @Mixin SeedOption seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "The replay directory (required).")
  Path out;

  @Override
  public Integer call() {
    Outputs.directory(out);
    Collect.Config config =
        new Collect.Config(env, new PixelOptions(imageSize, frameStack), policy, steps, seed.seed);
    EngineSetup.logging(false);
    EngineSetup.threads(1);
    Collect.Result result;
    try (StepBar bar = new StepBar("rl collect")) {
      bar.start(0, steps);
      result = Collect.run(config, t -> bar.at(t, ""));
    }
    ReplayDirectory.write(out, result.contents());
    System.out.printf(
        Locale.ROOT,
        "collected %d steps (%d episodes, mean reward %.3f) of %dx%d frames from %s in %s%n",
        result.contents().steps(),
        result.episodes(),
        result.meanReward(),
        imageSize,
        imageSize,
        result.contents().policy(),
        out);
    return 0;
  }
}
