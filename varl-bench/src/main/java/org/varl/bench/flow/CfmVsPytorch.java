package org.varl.bench.flow;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.diffusion.TimeConditionedMlp;
import org.varl.models.flow.Coupling;
import org.varl.models.flow.FlowCheckpoint;
import org.varl.models.flow.FlowConfig;
import org.varl.models.flow.FlowSampling;
import org.varl.models.flow.FlowTrainer;
import org.varl.models.flow.NetworkVelocity;
import org.varl.models.flow.OdeSolver;
import org.varl.models.quality.SampleQuality;

/**
 * varl's side of the {@code cfm} half of {@code bench/toy2d-vs-pytorch.sh}: I-CFM on 8gaussians
 * with the peer's settings ({@link FlowConfig#defaults()}: batch 256, Adam 1e-3, σ_min = 0, the 2 +
 * 64 → 128³ → 2 SiLU network), trained through {@link FlowTrainer#run} as {@code varl flow train}
 * does, then 2000 samples by Euler with 100 steps judged against 2000 held-out points. Prints one
 * line in the peer's format: {@code cfm steps N train_seconds S steps_per_second X final_loss L
 * energy_distance E sample_logp P data_logp D sample_seconds Z}.
 *
 * <p>Usage: {@code CfmVsPytorch STEPS THREADS [SEED] [COUPLING]}.
 */
public final class CfmVsPytorch {

  private CfmVsPytorch() {}

  public static void main(String[] args) throws IOException {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
    Coupling coupling = args.length > 3 ? Coupling.parse(args[3]) : Coupling.INDEPENDENT;
    Path out = Files.createTempDirectory("varl-cfm-bench");
    FlowConfig config =
        FlowConfig.defaults()
            .withSteps(steps)
            .withThreads(threads)
            .withSeed(seed)
            .withCoupling(coupling)
            .withLogging(steps, steps);
    long t0 = System.nanoTime();
    FlowTrainer.Result r = FlowTrainer.run(config, out, null, FlowTrainer.Listener.none());
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    FlowCheckpoint ck = FlowCheckpoint.read(out);
    try (NDManager m = NDManager.newBaseManager();
        TimeConditionedMlp net = ck.network(m, 2)) {
      long t1 = System.nanoTime();
      FlowSampling.Samples s =
          FlowSampling.sample(new NetworkVelocity(net), m, 2000, OdeSolver.EULER, 100, seed);
      double sampleSeconds = (System.nanoTime() - t1) / 1e9;
      SplittableRandom ref = NoiseStream.generator(seed, Streams.EVAL_NOISE);
      SampleQuality q = SampleQuality.evaluate(ck.data(), s.points(), ref, false);
      System.out.printf(
          Locale.ROOT,
          "cfm steps %d train_seconds %.2f steps_per_second %.1f final_loss %.4f energy_distance %.5f"
              + " sample_logp %.4f data_logp %.4f sample_seconds %.2f%n",
          steps,
          trainSeconds,
          steps / trainSeconds,
          r.last().lossEma(),
          q.energyDistance(),
          q.sampleLogp(),
          q.dataLogp(),
          sampleSeconds);
    }
  }
}
