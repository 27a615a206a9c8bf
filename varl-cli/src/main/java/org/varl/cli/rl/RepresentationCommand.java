package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.repr.RepresentationConfig;
import org.varl.experiments.repr.RepresentationExperiment;
import org.varl.experiments.repr.RepresentationResult;
import org.varl.rl.env.PixelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varl rl representation}: SAC on the true state, on a frozen VAE's latents of the frames,
 * and on raw pixels, same seeds and steps ({@link RepresentationExperiment}).
 */
@Command(
    name = "representation",
    mixinStandardHelpOptions = true,
    description = {
      "Compare SAC on Pendulum's true state, on the latent means of a conv VAE trained on replayed"
          + " frames (vae-z), on raw pixels, and on the belief of a sequential latent model"
          + " (belief), with the same seeds and environment steps.",
      "Writes representation.json, curves.csv, returns.png, wall_seconds.png,"
          + " latent_traversal.png and reconstructions.png into --out."
    })
public final class RepresentationCommand implements Callable<Integer> {

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "20000",
      description = "SAC environment steps per run (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Number of seeds, from --seed on (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "The first seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--variants",
      paramLabel = "state|vae-z|pixels|vae-z-refit|belief[,...]",
      defaultValue = "state,vae-z,pixels",
      split = ",",
      description =
          "Which variants to run, any of state, vae-z, pixels, vae-z-refit, belief (SAC on the"
              + " filtering belief of an RSSM trained on single random frames, as rl train"
              + " --frame-stack 1 --encoder ssm:RUN) (default: ${DEFAULT-VALUE}).")
  String[] variants;

  @Option(
      names = "--belief-collect-steps",
      paramLabel = "N",
      defaultValue = "20000",
      description =
          "belief: random-policy steps whose frames the RSSM is trained on, not counted in --steps"
              + " (default: ${DEFAULT-VALUE}).")
  int beliefCollectSteps;

  @Option(
      names = "--belief-window",
      paramLabel = "T",
      defaultValue = "40",
      description = "belief: steps per training window (default: ${DEFAULT-VALUE}).")
  int beliefWindow;

  @Option(
      names = "--belief-dim-z",
      paramLabel = "N",
      defaultValue = "4",
      description = "belief: size of z_t (default: ${DEFAULT-VALUE}).")
  int beliefDimZ;

  @Option(
      names = "--belief-hidden",
      paramLabel = "N",
      defaultValue = "128",
      description = "belief: width of the RSSM's networks (default: ${DEFAULT-VALUE}).")
  int beliefHidden;

  @Option(
      names = "--belief-deterministic",
      paramLabel = "N",
      defaultValue = "32",
      description = "belief: size of the RSSM's h_t (default: ${DEFAULT-VALUE}).")
  int beliefDeterministic;

  @Option(
      names = "--belief-model-steps",
      paramLabel = "N",
      defaultValue = "3000",
      description = "belief: Adam steps of the RSSM, batch 32 (default: ${DEFAULT-VALUE}).")
  int beliefModelSteps;

  @Option(
      names = "--pixels",
      paramLabel = "conv|mlp",
      defaultValue = "conv",
      description =
          "The agent of the pixels variant: conv (SAC+AE's conv encoder trained through the"
              + " critic, as rl train --encoder conv) or mlp (the plain MLP on the flattened stack,"
              + " labelled pixels-mlp) (default: ${DEFAULT-VALUE}).")
  String pixels;

  @Option(
      names = "--collect-steps",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Random-policy frames the VAE is trained on, not counted in --steps (default:"
              + " ${DEFAULT-VALUE}).")
  int collectSteps;

  @Option(
      names = "--vae-epochs",
      paramLabel = "N",
      defaultValue = "5",
      description = "Epochs of the conv VAE (default: ${DEFAULT-VALUE}).")
  int vaeEpochs;

  @Option(
      names = "--latent",
      paramLabel = "N",
      defaultValue = "8",
      description = "VAE latent size per frame (default: ${DEFAULT-VALUE}).")
  int latent;

  @Option(
      names = "--vae-hidden",
      paramLabel = "N",
      defaultValue = "256",
      description = "Width of the conv VAE's fully connected layer (default: ${DEFAULT-VALUE}).")
  int vaeHidden;

  @Option(
      names = "--vae-batch-size",
      paramLabel = "N",
      defaultValue = "128",
      description = "The VAE's mini-batch size (default: ${DEFAULT-VALUE}).")
  int vaeBatch;

  @Option(
      names = "--image-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "Side of a frame, in [8, 256] (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(
      names = "--frame-stack",
      paramLabel = "K",
      defaultValue = "3",
      description = "Frames per observation, in [1, 16] (default: ${DEFAULT-VALUE}).")
  int frameStack;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Steps between evaluations, the curves' points (default: ${DEFAULT-VALUE}).")
  long evalEvery;

  @Option(
      names = "--eval-episodes",
      paramLabel = "N",
      defaultValue = "10",
      description = "Deterministic episodes per evaluation (default: ${DEFAULT-VALUE}).")
  int evalEpisodes;

  @Option(
      names = "--probe-frames",
      paramLabel = "N",
      defaultValue = "4000",
      description =
          "Held-out random frames of the linear probes, half fit, half scored (default:"
              + " ${DEFAULT-VALUE}).")
  int probeFrames;

  @Option(
      names = "--refit-every",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Steps between VAE refits in vae-z-refit (default: ${DEFAULT-VALUE}).")
  long refitEvery;

  @Option(
      names = "--merge",
      paramLabel = "DIR[,DIR...]",
      split = ",",
      description =
          "Instead of running: merge the outputs of earlier runs (e.g. one process per seed) into"
              + " --out; the images are copied from the first DIR (default: none).")
  List<Path> merge;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    Outputs.directory(out);
    if (merge != null && !merge.isEmpty()) {
      List<RepresentationResult> parts = new java.util.ArrayList<>();
      for (Path d : merge) {
        parts.add(RepresentationFiles.read(d));
      }
      RepresentationResult merged = RepresentationFiles.merge(parts);
      Outputs.all(
          () -> {
            RepresentationFiles.write(out, merged);
            for (String f :
                List.of(RepresentationFiles.TRAVERSAL, RepresentationFiles.RECONSTRUCTIONS)) {
              Path from = merge.get(0).resolve(f);
              if (java.nio.file.Files.isRegularFile(from)
                  && !from.toAbsolutePath()
                      .normalize()
                      .equals(out.resolve(f).toAbsolutePath().normalize())) {
                org.varl.core.io.AtomicFiles.write(
                    out.resolve(f), o -> o.write(java.nio.file.Files.readAllBytes(from)));
              }
            }
            return null;
          });
      print(merged);
      return 0;
    }
    RepresentationConfig config =
        RepresentationConfig.defaults()
            .withSteps(steps)
            .withSeeds(seeds, seed)
            .withVae(collectSteps, vaeEpochs, latent, vaeHidden)
            .withPixelOptions(new PixelOptions(imageSize, frameStack))
            .withEvaluation(evalEvery, evalEpisodes)
            .withProbeFrames(probeFrames)
            .withRefitEvery(refitEvery)
            .withPixels(RepresentationConfig.PixelsVariant.parse(pixels))
            .withVaeBatch(vaeBatch)
            .withBelief(
                new RepresentationConfig.BeliefVariant(
                    beliefCollectSteps,
                    beliefWindow,
                    beliefDimZ,
                    beliefHidden,
                    beliefDeterministic,
                    beliefModelSteps))
            .withVariants(Arrays.stream(variants).map(String::strip).toList());
    EngineSetup.logging(false);
    RepresentationResult r;
    try (ProgressListener bar = new ProgressListener("rl representation", "step")) {
      // every finished run rewrites the outputs, so an interrupted comparison keeps its runs
      r =
          RepresentationExperiment.run(
              config,
              bar,
              partial ->
                  Outputs.all(
                      () -> {
                        RepresentationFiles.write(out, partial);
                        return null;
                      }));
    }
    Outputs.all(
        () -> {
          RepresentationFiles.write(out, r);
          return null;
        });
    print(r);
    return 0;
  }

  private void print(RepresentationResult r) {
    for (String label : r.labels()) {
      RepresentationResult.Probe p = r.medianProbe(label);
      System.out.printf(
          Locale.ROOT,
          "%-10s eval return median %8.1f (%s), SAC wall %.0f s, probe R^2 cos %.3f sin %.3f"
              + " theta_dot %.3f%n",
          label,
          r.medianReturn(label),
          r.runsOf(label).stream()
              .map(x -> String.format(Locale.ROOT, "%.1f", x.evalReturn()))
              .toList(),
          r.medianWallSeconds(label),
          p.cosTheta(),
          p.sinTheta(),
          p.thetaDot());
    }
    System.out.println("wrote " + out.resolve(RepresentationFiles.JSON));
  }
}
