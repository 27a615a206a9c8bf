package org.varl.bench.softvi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.varl.control.Backup;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.SoftValues;
import org.varl.control.grid.SlipperyGridworld;

/**
 * Builds the N x N slippery gridworld as a general sparse MDP and solves T steps of the exact
 * backward messages (alpha = 1, gamma = 1) with {@link SoftValues}, values only. Prints, in the
 * peer's format, {@code v0_start X v0_sum Y build_seconds B solve_seconds S}, then a line with the
 * peak resident memory and details.
 *
 * <p>Usage: {@code SoftViGridworld [SIZE=1000] [HORIZON=100] [THREADS=all processors] [ALPHA=1]}.
 */
public final class SoftViGridworld {
  private SoftViGridworld() {}

  public static void main(String[] args) throws IOException {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int horizon = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int threads =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    double alpha = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    long t0 = System.nanoTime();
    Mdp mdp = SlipperyGridworld.build(size).mdp();
    long t1 = System.nanoTime();
    SoftValues.Result result =
        SoftValues.solve(
            mdp, new InferenceConfig(horizon, alpha, Backup.EXACT, 1.0), threads, false);
    long t2 = System.nanoTime();
    double sum = 0.0;
    for (double v : result.v0()) {
      sum += v;
    }
    // Same format and precision as the peer's print.
    System.out.println(
        String.format(
            Locale.ROOT,
            "v0_start %.10f v0_sum %.6f build_seconds %.2f solve_seconds %.2f",
            result.v0()[0],
            sum,
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9));
    System.out.println(
        String.format(
            Locale.ROOT,
            "peak_rss_mb %d threads %d states %d nonzeros %d storage %s stable_recomputations %d",
            peakRssMb(),
            result.threads(),
            mdp.numStates(),
            mdp.numTransitions(),
            result.storage(),
            result.stableRecomputations()));
  }

  /**
   * VmHWM of /proc/self/status: the peak resident set size, in MB; -1 where /proc is unavailable.
   */
  static long peakRssMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
