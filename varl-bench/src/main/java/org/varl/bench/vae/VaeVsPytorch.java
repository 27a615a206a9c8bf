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
 * varl's side of {@code bench/vae-vs-pytorch.sh}: the PyTorch example's VAE (784-400-20-400-784, Bernoulli summed
 * over pixels + analytic KL, Adam 1e-3, batch 128, no binarization) on Fashion-MNIST, trained through the public
 * library entry point {@link VaeTrainer#run} exactly as {@code varl vae train} does. Prints one line per epoch in
 * the peer's format, and one line with the process's peak resident memory after each epoch.
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
    TrainConfig train = new TrainConfig(epochs, 128, 1e-3, 1.0, Estimator.PATHWISE, 1, seed, threads, false);
    TrainRequest request = new TrainRequest("fashion-mnist", DataOptions.defaults(), ModelOptions.defaults(), train,
        out, null);
    TrainResult result = VaeTrainer.run(request, new TrainingListener() {
      @Override
      public void epochFinished(EpochMetrics m) {
        System.out.printf(Locale.ROOT, "epoch %d train_loss %.2f test_loss %.2f epoch_seconds %.2f threads %d%n",
            m.epoch(), m.trainLoss(), m.testLoss(), m.epochSeconds(), threads);
        System.out.printf(Locale.ROOT, "memory epoch %d peak_rss_mb %d%n", m.epoch(), peakRssMb());
        System.out.flush();
      }
    });
    System.out.println("gradient_path " + result.gradientPath());
  }

  /** VmHWM of /proc/self/status: the peak resident set size so far, in MiB (-1 where /proc is absent). */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
