package org.varl.cli.imitation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.imitation.CompareConfig;
import org.varl.experiments.imitation.CompareExperiment;
import org.varl.experiments.imitation.CompareResult;
import org.varl.experiments.imitation.ImitationPolicyKind;
import org.varl.rl.imitation.DemoFiles;
import org.varl.rl.imitation.eval.LatentChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl imitation compare}: every policy and z choice on the same demos and seeds. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Train every policy on DIR/demos.csv for each seed, evaluate each (the CVAEs with every --z"
          + " choice) on the same start states, and write compare.csv (a row per policy, z and"
          + " seed), compare.md (mean [min, max] over seeds, the scripted expert as reference),"
          + " compare.png (the demos and a panel per policy) and latents.png (the CVAE's posterior"
          + " means by the expert's mode) into --out.",
      "Runs on one PyTorch thread: the networks are small and run fastest on one."
    })
public final class CompareCommand implements Callable<Integer> {

  @Option(
      names = "--demos",
      paramLabel = "DIR",
      required = true,
      description = "Directory written by varl imitation demos.")
  Path demos;

  @Option(
      names = "--policies",
      paramLabel = "NAME",
      split = ",",
      description =
          "Policies to compare, comma-separated (default: bc-gaussian,bc-mse,cvae,"
              + "cvae-learned-prior,diffusion).")
  List<String> policies;

  @Option(
      names = "--z",
      paramLabel = "CHOICE",
      split = ",",
      description =
          "CVAE test-time z choices, comma-separated (default: per-episode,per-step,zero).")
  List<String> choices;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Seeds: --seed, --seed + 1, ... (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--episodes",
      paramLabel = "N",
      defaultValue = "200",
      description = "Evaluation episodes per policy, z and seed (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Mixin TrainOptions options;

  @Mixin SeedOption seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out/imitation-compare",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    Outputs.directory(out);
    CompareConfig config = config();
    DemoFiles.Demos d = DemoFiles.read(demos);
    EngineSetup.logging(false);
    CompareResult r;
    try (ProgressListener bar = new ProgressListener("imitation compare", "unit")) {
      r = CompareExperiment.run(config, d.obstacles(), d.rows(), bar);
    }
    Outputs.all(() -> CompareFiles.write(out, r, d.rows()));
    System.out.print(CompareFiles.markdown(r));
    System.out.println("wrote " + out.resolve(CompareFiles.MD));
    return 0;
  }

  CompareConfig config() {
    CompareConfig c =
        CompareConfig.defaults()
            .withTrain(options.config(seed.seed))
            .withSeeds(seeds)
            .withSeed(seed.seed)
            .withEpisodes(episodes);
    if (policies != null) {
      List<ImitationPolicyKind> kinds = new ArrayList<>();
      for (String p : policies) {
        kinds.add(ImitationPolicyKind.parse(p.strip()));
      }
      c = c.withPolicies(kinds);
    }
    if (choices != null) {
      List<LatentChoice> zs = new ArrayList<>();
      for (String z : choices) {
        zs.add(LatentChoice.parse(z.strip()));
      }
      c = c.withChoices(zs);
    }
    return c;
  }
}
