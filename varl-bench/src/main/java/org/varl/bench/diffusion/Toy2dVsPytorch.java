package org.varl.bench.diffusion;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.varl.core.engine.EngineSetup;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.diffusion.DdpmConfig;
import org.varl.models.diffusion.DdpmResult;
import org.varl.models.diffusion.DdpmSampler;
import org.varl.models.diffusion.DdpmTrainer;
import org.varl.models.diffusion.DiffusionListener;
import org.varl.models.diffusion.Sampler;
import org.varl.models.diffusion.TrainedDdpm;
import org.varl.models.quality.SampleQuality;
import org.varl.models.toy.EightGaussians;

/**
 * The peer's benchmark ({@code ../shared/peers/torch_toy2d_peer.py}) on varl: 8gaussians, the
 * network [x, sinusoidal(t, 64)] → 3 × (Linear 128, SiLU) → Linear 2, Adam 1e-3, batch 256, fresh
 * data every step; DDPM with T = 1000 linear betas and L_simple, sampled ancestrally with σ_t² =
 * β_t; quality on 2000 samples against 2000 fresh points. Prints one line in the peer's format.
 * Trained through the public entry point {@link DdpmTrainer#train}, as {@code varl diffusion train}
 * does (its checkpoint and metrics writes included).
 *
 * <p>Usage: {@code Toy2dVsPytorch METHOD STEPS THREADS [SEED]}; METHOD {@code ddpm} (here) or
 * {@code cfm} ({@link org.varl.bench.flow.CfmVsPytorch}).
 */
public final class Toy2dVsPytorch {

  private Toy2dVsPytorch() {}

  /** Exit code for a method this build does not run. */
  static final int UNSUPPORTED = 3;

  public static void main(String[] args) throws IOException {
    String method = args.length > 0 ? args[0] : "ddpm";
    long steps = args.length > 1 ? Long.parseLong(args[1]) : 5000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 0;
    if (method.equals("cfm")) {
      // I-CFM with the peer's settings: the flow branch's side (one line, the same format).
      org.varl.bench.flow.CfmVsPytorch.main(
          new String[] {Long.toString(steps), Integer.toString(threads), Long.toString(seed)});
      return;
    }
    if (!method.equals("ddpm")) {
      System.err.println("method " + method + " is not in this build (ddpm or cfm)");
      System.exit(UNSUPPORTED);
    }
    System.setProperty(EngineSetup.NUM_INTEROP_THREADS, "1");
    EngineSetup.threads(threads);
    Path out = Files.createTempDirectory("varl-ddpm-bench");
    DdpmConfig config =
        DdpmConfig.defaults(EightGaussians.SPEC)
            .withSteps(steps)
            .withSeed(seed)
            .withThreads(threads)
            .withIntervals(steps, 100);
    DdpmResult r = DdpmTrainer.train(config, out, DiffusionListener.NONE);
    try (NDManager root = NDManager.newBaseManager();
        TrainedDdpm model = TrainedDdpm.load(out, root)) {
      long t0 = System.nanoTime();
      DdpmSampler.Samples s =
          DdpmSampler.sample(
              model.ddpm(), model.epsilon(), 2, 2000, Sampler.ANCESTRAL, 1000, seed, 0, root);
      double sampleSeconds = (System.nanoTime() - t0) / 1e9;
      SampleQuality q =
          SampleQuality.evaluate(
              new EightGaussians(),
              s.points(),
              NoiseStream.generator(seed, Streams.TEST_NOISE),
              false);
      System.out.printf(
          Locale.ROOT,
          "ddpm steps %d train_seconds %.2f steps_per_second %.1f final_loss %.4f energy_distance %.5f"
              + " sample_logp %.4f data_logp %.4f sample_seconds %.2f%n",
          steps,
          r.trainSeconds(),
          r.stepsPerSecond(),
          r.finalLossEma(),
          q.energyDistance(),
          q.sampleLogp(),
          q.dataLogp(),
          sampleSeconds);
    }
  }
}
