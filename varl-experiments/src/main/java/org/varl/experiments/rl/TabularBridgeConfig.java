package org.varl.experiments.rl;

import static org.varl.experiments.ConfigChecks.requireAtLeast;

import java.nio.file.Path;
import org.varl.control.grid.NamedGrids;
import org.varl.rl.tabular.PolynomialSteps;
import org.varl.rl.tabular.TabularSoftQConfig;

/**
 * Settings of {@link TabularBridgeExperiment}, named as the options of {@code varl rl tabular};
 * start from {@link #defaults()} and change fields with the {@code withX} copies. The compact
 * constructor validates, naming the option.
 *
 * @param mdp an MDP as JSON ({@link org.varl.control.MdpJson}), or null for {@code grid}
 * @param grid a named grid ({@link NamedGrids}), used when {@code mdp} is null
 * @param slip the named grid's slip probability p in [0, 1]
 * @param samples sampled transitions, >= 1
 * @param temperature alpha > 0 of the soft value V = alpha log sum_a exp(Q/alpha)
 * @param discount gamma in (0, 1)
 * @param stepExponent omega in (1/2, 1] of the Robbins–Monro steps n^-omega
 * @param seed the run's seed
 */
public record TabularBridgeConfig(
    Path mdp,
    String grid,
    double slip,
    long samples,
    double temperature,
    double discount,
    double stepExponent,
    long seed) {

  /** The default grid: the 5 x 5 slippery grid, 125 pairs (s,a). */
  public static final String DEFAULT_GRID = "slippery-5";

  /**
   * The default number of samples, 240,000 per pair of the default grid: max |Q - Q*_maxent| =
   * 0.028 there with seed 1 (0.029 and 0.046 with seeds 2 and 3), below 1% of the reward range 10;
   * about 3.5 s on one core.
   */
  public static final long DEFAULT_SAMPLES = 30_000_000;

  /** Validates. */
  public TabularBridgeConfig {
    if (mdp == null) {
      if (grid == null) {
        throw new IllegalArgumentException("--grid: give --mdp FILE or --grid NAME, found neither");
      }
      NamedGrids.of(grid, 0.0); // the name, checked before any work
    }
    if (!(slip >= 0.0 && slip <= 1.0)) {
      throw new IllegalArgumentException("--slip: must be in [0, 1], found " + slip);
    }
    requireAtLeast("--samples", samples, 1);
    if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("--alpha: must be finite and > 0, found " + temperature);
    }
    if (!(discount > 0.0 && discount < 1.0)) {
      throw new IllegalArgumentException(
          "--discount: must be in (0, 1) for an infinite-horizon discounted problem, found "
              + discount);
    }
    if (!(stepExponent > 0.5 && stepExponent <= 1.0)) {
      throw new IllegalArgumentException(
          "--step-exponent: must be in (0.5, 1] (Robbins–Monro), found " + stepExponent);
    }
  }

  /**
   * The command's defaults: {@value #DEFAULT_GRID} with slip 0.1, {@value #DEFAULT_SAMPLES}
   * samples, alpha 1, gamma 0.9, omega {@value PolynomialSteps#DEFAULT_EXPONENT}, seed 1.
   */
  public static TabularBridgeConfig defaults() {
    return new TabularBridgeConfig(
        null, DEFAULT_GRID, 0.1, DEFAULT_SAMPLES, 1.0, 0.9, PolynomialSteps.DEFAULT_EXPONENT, 1);
  }

  /** The learner's settings. */
  public TabularSoftQConfig learner() {
    return new TabularSoftQConfig(temperature, discount, new PolynomialSteps(stepExponent));
  }

  /** How the outputs name the problem: the MDP file, or the grid with its slip. */
  public String sourceName() {
    return mdp != null ? mdp.toString() : grid + " (slip " + slip + ")";
  }

  /** Reads the MDP from {@code file} instead of the grid. */
  public TabularBridgeConfig withMdp(Path file) {
    return new TabularBridgeConfig(
        file, grid, slip, samples, temperature, discount, stepExponent, seed);
  }

  /** The named grid {@code name} instead of an MDP file. */
  public TabularBridgeConfig withGrid(String name) {
    return new TabularBridgeConfig(
        null, name, slip, samples, temperature, discount, stepExponent, seed);
  }

  public TabularBridgeConfig withSlip(double p) {
    return new TabularBridgeConfig(
        mdp, grid, p, samples, temperature, discount, stepExponent, seed);
  }

  public TabularBridgeConfig withSamples(long n) {
    return new TabularBridgeConfig(mdp, grid, slip, n, temperature, discount, stepExponent, seed);
  }

  public TabularBridgeConfig withTemperature(double alpha) {
    return new TabularBridgeConfig(mdp, grid, slip, samples, alpha, discount, stepExponent, seed);
  }

  public TabularBridgeConfig withDiscount(double gamma) {
    return new TabularBridgeConfig(
        mdp, grid, slip, samples, temperature, gamma, stepExponent, seed);
  }

  public TabularBridgeConfig withStepExponent(double omega) {
    return new TabularBridgeConfig(mdp, grid, slip, samples, temperature, discount, omega, seed);
  }

  public TabularBridgeConfig withSeed(long s) {
    return new TabularBridgeConfig(
        mdp, grid, slip, samples, temperature, discount, stepExponent, s);
  }
}
