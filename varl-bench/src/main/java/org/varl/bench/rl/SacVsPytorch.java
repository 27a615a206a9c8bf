package org.varl.bench.rl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.varl.core.engine.EngineSetup;
import org.varl.rl.train.MetricsRow;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainConfig;
import org.varl.rl.train.TrainListener;

/**
 * varl's side of {@code bench/sac-vs-pytorch.sh}: SAC on Pendulum-v1 with the peer's settings
 * ({@code ../shared/peers/torch_sac_pendulum_peer.py}: 2×256 ReLU, lr 1e-3, batch 256, τ 0.005, γ
 * 0.99, learned α with target entropy −1, 100 random steps, one update per step), trained through
 * the library entry point {@link OffPolicyTrainer#run} exactly as {@code varl rl train} does, with
 * a replay buffer of STEPS transitions (the peer's arrays) and one evaluation of 10 deterministic
 * episodes at the end.
 *
 * <p>Prints one line per episode in the peer's format ({@code step S episode_return R seconds T}),
 * the resident memory at steps 5,000 and every 5,000 after ({@code memory step S rss_mb M
 * peak_rss_mb P java_heap_committed_mb H}), and last {@code eval_mean_return M eval_std D
 * train_seconds W steps N updates U updates_per_second X} (W includes the final evaluation, as the
 * peer's does).
 *
 * <p>Usage: {@code SacVsPytorch [STEPS=20000] [THREADS=1] [SEED=1]}.
 */
public final class SacVsPytorch {

  private SacVsPytorch() {}

  public static void main(String[] args) throws IOException {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    EngineSetup.threads(threads);
    Path out = Files.createTempDirectory("varl-sac-bench");
    TrainConfig config =
        TrainConfig.defaults()
            .withSteps(steps)
            .withSeed(seed)
            .withThreads(threads)
            .withReplay(0, (int) Math.max(steps, 256), -1)
            .withEvaluation(steps, 10);
    long start = System.nanoTime();
    OffPolicyTrainer.Result result =
        OffPolicyTrainer.run(
            config,
            out,
            new TrainListener() {
              @Override
              public void row(MetricsRow r) {
                if (!r.isEvaluation()) {
                  System.out.printf(
                      Locale.ROOT,
                      "step %d episode_return %.1f seconds %.1f%n",
                      r.step(),
                      r.episodeReturn(),
                      (System.nanoTime() - start) / 1e9);
                }
                if (r.step() % 5_000 == 0 && !r.isEvaluation()) {
                  Runtime rt = Runtime.getRuntime();
                  System.out.printf(
                      Locale.ROOT,
                      "memory step %d rss_mb %d peak_rss_mb %d java_heap_committed_mb %d%n",
                      r.step(),
                      status("VmRSS:"),
                      status("VmHWM:"),
                      rt.totalMemory() >> 20);
                }
                System.out.flush();
              }
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    MetricsRow eval = result.lastEvaluation();
    System.out.printf(
        Locale.ROOT,
        "eval_mean_return %.1f eval_std %.1f train_seconds %.1f steps %d updates %d"
            + " updates_per_second %.1f threads %d seed %d%n",
        eval.evalReturnMean(),
        eval.evalReturnStd(),
        seconds,
        result.steps(),
        result.updates(),
        result.updates() / seconds,
        threads,
        seed);
  }

  /** A memory line of /proc/self/status in MiB (-1 where /proc is absent). */
  static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
