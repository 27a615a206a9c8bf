package org.varl.control.irl;

/**
 * What MaxEnt IRL learned: the weights theta [F], the state rewards r(s) = theta . phi(s) [S]; per
 * iteration the objective (the per-step dual, see {@link MaxEntIrl}), the demonstrations' average
 * per-step action log-likelihood (1/(N T)) sum_i sum_t log pi_t(a_t|s_t), and the norm of the
 * per-step feature-count gap; the final policy [T][S*A] and its visitation [T][S].
 */
public record IrlResult(
    double[] weights,
    double[] stateRewards,
    double[] objective,
    double[] logLikelihood,
    double[] gradientNorm,
    double[][] policy,
    double[][] visitation) {}
