package org.varl.experiments.control;

import java.nio.file.Path;

/**
 * Settings of {@link GridworldExperiment}, named as the options of {@code varl control gridworld}.
 *
 * @param size N of the benchmark peer's N x N slippery gridworld, in [2, 200] (ignored when {@code
 *     map} is given)
 * @param map a text map ({@link org.varl.control.grid.GridMap}) instead of the slippery grid, or
 *     null
 * @param slip slip probability p in [0, 1]: 1 - p on the intended move, p/5 on each of the 5 moves
 * @param temperatures the temperatures alpha, each finite and > 0
 * @param horizon T >= 1, or 0 for 2 (width + height)
 * @param samples trajectories sampled per temperature and backup for the Monte Carlo check of the
 *     visitation
 * @param seed seed of the Monte Carlo check (temperature i, backup b uses seed + 2 i + b)
 */
public record GridworldConfig(
    int size, Path map, double slip, double[] temperatures, int horizon, int samples, long seed) {

  public GridworldConfig {
    if (map == null && (size < 2 || size > 200)) {
      throw new IllegalArgumentException("--size: must be in [2, 200] for plotting, found " + size);
    }
    if (!(slip >= 0.0 && slip <= 1.0)) {
      throw new IllegalArgumentException("--slip: must be in [0, 1], found " + slip);
    }
    if (temperatures == null || temperatures.length == 0) {
      throw new IllegalArgumentException("--temperatures: need at least one value");
    }
    temperatures = temperatures.clone();
    for (int i = 0; i < temperatures.length; i++) {
      if (!(temperatures[i] > 0) || Double.isInfinite(temperatures[i])) {
        throw new IllegalArgumentException(
            "--temperatures[" + i + "]: must be finite and > 0, found " + temperatures[i]);
      }
      for (int j = 0; j < i; j++) {
        if (temperatures[j] == temperatures[i]) {
          // The figures are named by the temperature: a repeat would overwrite its own files
          // (and "wrote 6 figures" would count 2 files three times).
          throw new IllegalArgumentException(
              "--temperatures["
                  + i
                  + "]: "
                  + temperatures[i]
                  + " repeats --temperatures["
                  + j
                  + "]; each temperature's figures are named by it");
        }
      }
    }
    if (horizon < 0) {
      throw new IllegalArgumentException(
          "--horizon: must be >= 1 (or 0 for automatic), found " + horizon);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("--samples: must be >= 1, found " + samples);
    }
  }

  /**
   * The command's defaults: the peer's 10 x 10 grid, slip 0.1, alpha 0.1, 1, 10, automatic T, 2000
   * samples, seed 1.
   */
  public static GridworldConfig defaults() {
    return new GridworldConfig(10, null, 0.1, new double[] {0.1, 1, 10}, 0, 2000, 1);
  }

  /** A copy: the caller cannot change the config through it. */
  @Override
  public double[] temperatures() {
    return temperatures.clone();
  }

  public GridworldConfig withSize(int n) {
    return new GridworldConfig(n, map, slip, temperatures, horizon, samples, seed);
  }

  public GridworldConfig withMap(Path file) {
    return new GridworldConfig(size, file, slip, temperatures, horizon, samples, seed);
  }

  public GridworldConfig withSlip(double p) {
    return new GridworldConfig(size, map, p, temperatures, horizon, samples, seed);
  }

  public GridworldConfig withTemperatures(double... alphas) {
    return new GridworldConfig(size, map, slip, alphas, horizon, samples, seed);
  }

  public GridworldConfig withHorizon(int t) {
    return new GridworldConfig(size, map, slip, temperatures, t, samples, seed);
  }

  public GridworldConfig withSamples(int n) {
    return new GridworldConfig(size, map, slip, temperatures, horizon, n, seed);
  }

  public GridworldConfig withSeed(long s) {
    return new GridworldConfig(size, map, slip, temperatures, horizon, samples, s);
  }

  /** How the metrics name the grid: the map's path, or {@code slippery NxN}. */
  public String gridName() {
    return map != null ? map.toString() : "slippery " + size + "x" + size;
  }
}
