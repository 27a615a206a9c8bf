package org.varl.bench.rl;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.SplittableRandom;
import org.varl.core.engine.EngineSetup;
import org.varl.rl.agents.ConvEncoderConfig;
import org.varl.rl.agents.SacAgent;
import org.varl.rl.agents.SacConfig;
import org.varl.rl.env.Box;
import org.varl.rl.env.ImageShape;
import org.varl.rl.replay.ReplayBuffer;
import org.varl.rl.train.Algorithms;

/**
 * varl's side of {@code bench/pixsac.sh}: the update rate of SAC with the convolutional encoder
 * ({@code --encoder conv}'s agent: {@link ConvEncoderConfig#defaults()}, 2×256 critics and actor,
 * critic τ 0.01, learned α) on batches of 256 transitions of 3×32×32 images with a one-dimensional
 * action in [−2, 2], sampled from a replay buffer of 2,000 random images (the sampling is part of
 * the measured update, as it is of a training step). The same update as {@code
 * bench/pixsac_torch_peer.py}: target (actor's encoder and target encoder on s′), critic step
 * through the encoder, actor step on the tied convolutions with the encoder held fixed, α step,
 * Polyak.
 *
 * <p>Prints {@code updates_per_second X ms_per_update Y batch 256 image 3x32x32 threads T updates
 * N}. Usage: {@code PixelSacUpdates [UPDATES=200] [THREADS=1] [WARMUP=20]}.
 */
public final class PixelSacUpdates {

  private PixelSacUpdates() {}

  public static void main(String[] args) {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int batch = 256;
    EngineSetup.logging(false);
    EngineSetup.threads(threads);
    ImageShape image = new ImageShape(3, 32, 32);
    ReplayBuffer buffer = new ReplayBuffer(2_000, image.size(), 1);
    SplittableRandom random = new SplittableRandom(1);
    double[] obs = new double[image.size()];
    for (int i = 0; i < 2_000; i++) {
      double[] next = new double[image.size()];
      for (int j = 0; j < next.length; j++) {
        next[j] = random.nextDouble();
      }
      buffer.add(
          obs,
          new double[] {4 * random.nextDouble() - 2},
          -random.nextDouble(),
          next,
          false,
          false);
      obs = next;
    }
    SacConfig config =
        SacConfig.defaults()
            .withTau(Algorithms.SAC_CONV_CRITIC_TAU)
            .withEncoder(ConvEncoderConfig.defaults());
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent =
            new SacAgent(
                root, Box.uniform(image.size(), 0, 1), image, Box.uniform(1, -2, 2), config, 1)) {
      long u = 0;
      for (; u < warmup; u++) {
        agent.update(buffer.sample(batch, random), u);
      }
      long start = System.nanoTime();
      for (int i = 0; i < updates; i++, u++) {
        agent.update(buffer.sample(batch, random), u);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "updates_per_second %.2f ms_per_update %.2f batch %d image 3x32x32 threads %d updates %d%n",
          updates / seconds,
          1000 * seconds / updates,
          batch,
          threads,
          updates);
    }
  }
}
