package org.varl.bench.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.varl.core.data.DataOptions;
import org.varl.models.vae.EpochMetrics;
import org.varl.models.vae.Estimator;
import org.varl.models.vae.ModelOptions;
import org.varl.models.vae.TrainConfig;
import org.varl.models.vae.TrainRequest;
import org.varl.models.vae.TrainResult;
import org.varl.models.vae.TrainingListener;
import org.varl.models.vae.VaeTrainer;

/**
 * varl's side of {@code bench/vae-vs-pytorch.sh}: the PyTorch example's VAE (784-400-20-400-784,
 * Bernoulli summed over pixels + analytic KL, Adam 1e-3, batch 128, no binarization) on
 * Fashion-MNIST, trained through the public library entry point {@link VaeTrainer#run} exactly as
 * {@code varl vae train} does. Prints one line per epoch in the peer's format, and one line with
 * the process's peak and current resident memory and the Java heap's committed size after each
 * epoch.
 *
 * <p>Usage: {@code VaeVsPytorch [EPOCHS] [THREADS] [SEED]}.
 */
public final class VaeVsPytorch {

  private VaeVsPytorch() {}

  public static void main(String[] args) throws IOException {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
    Path out = Files.createTempDirectory("varl-vae-bench");
    TrainConfig train =
        new TrainConfig(epochs, 128, 1e-3, 1.0, Estimator.PATHWISE, 1, seed, threads, false);
    TrainRequest request =
        new TrainRequest(
            "fashion-mnist", DataOptions.defaults(), ModelOptions.defaults(), train, out, null);
    TrainResult result =
        VaeTrainer.run(
            request,
            new TrainingListener() {
              @Override
              public void epochFinished(EpochMetrics m) {
                System.out.printf(
                    Locale.ROOT,
                    "epoch %d train_loss %.2f test_loss %.2f epoch_seconds %.2f threads %d%n",
                    m.epoch(),
                    m.trainLoss(),
                    m.testLoss(),
                    m.epochSeconds(),
                    threads);
                Runtime rt = Runtime.getRuntime();
                System.out.printf(
                    Locale.ROOT,
                    "memory epoch %d peak_rss_mb %d rss_mb %d java_heap_committed_mb %d%n",
                    m.epoch(),
                    status("VmHWM:"),
                    status("VmRSS:"),
                    rt.totalMemory() >> 20);
                System.out.flush();
              }
            });
    System.out.println("gradient_path " + result.gradientPath());
  }

  /**
   * A memory line of /proc/self/status in MiB (-1 where /proc is absent): {@code VmHWM:} is the
   * peak resident set size so far, {@code VmRSS:} the current one. The Java heap's committed size
   * is printed beside them, since it is part of the resident set and grows on its own until the
   * collector settles.
   */
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
