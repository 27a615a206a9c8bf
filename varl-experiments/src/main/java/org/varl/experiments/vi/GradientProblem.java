package org.varl.experiments.vi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.varl.core.distributions.Distribution;
import org.varl.core.estimators.ConstantBaseline;
import org.varl.core.estimators.GradientEstimator;
import org.varl.core.estimators.Integrand;
import org.varl.core.estimators.LearnedBaseline;
import org.varl.core.estimators.MovingAverageBaseline;
import org.varl.core.estimators.ScoreFunctionEstimator;

/**
 * One problem of the estimators experiment: {@code ∇_θ E_{q_θ}[f]} with a known (or reference) true
 * gradient.
 */
interface GradientProblem {

  String name();

  /** θ, the parameters of q (gradients attached), in the root manager. */
  List<NDArray> parameters();

  /** Other long-lived arrays a step touches (data, decoder weights). */
  List<NDArray> longLived();

  Distribution q(NDManager scope);

  Integrand f(NDManager scope);

  /** The learned baseline's input: x for the encoder, a constant 1 elsewhere. */
  NDArray context(NDManager scope);

  int contextDim();

  /** The constant baseline's value: f at the mean of q (averaged over the batch). */
  double constantBaseline();

  /**
   * The true gradient of {@code (1/B) Σ_b E_q[f]} with respect to {@link #parameters()}, flattened
   * in order.
   */
  double[] trueGradient();

  /**
   * The uncertainty of {@link #trueGradient()}, RMS over the parameters like {@link
   * EstimatorStats#meanError()}: 0 for a closed form, the measured discretization error of a
   * quadrature, the standard error of a Monte Carlo reference. A check of unbiasedness adds it in
   * quadrature to the estimator's standard error.
   */
  double trueGradientError();

  /** How {@link #trueGradient()} was obtained, for the metrics. */
  String trueGradientSource();

  /** The estimators compared on this problem. */
  List<GradientEstimator> estimators(LearnedBaseline learned);

  /**
   * The score-function estimator without a baseline and with each baseline of the core: constant (f
   * at the mean of q), moving average (decay 0.9) and the learned, input-dependent one.
   */
  static List<GradientEstimator> scoreFunctionFamily(double constant, LearnedBaseline learned) {
    return List.of(
        new ScoreFunctionEstimator(),
        new ScoreFunctionEstimator(new ConstantBaseline(constant)),
        new ScoreFunctionEstimator(new MovingAverageBaseline(0.9)),
        new ScoreFunctionEstimator(learned));
  }
}
