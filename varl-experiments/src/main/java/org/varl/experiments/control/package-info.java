/**
 * The experiments of the lecture's control-as-inference part, on gridworlds ({@code varl control
 * gridworld}, {@code varl control irl} and the tour's control section).
 *
 * <ul>
 *   <li>{@link org.varl.experiments.control.GridworldExperiment}: the exact and maxent backups at
 *       several temperatures; the optimism V_0^exact - V_0^maxent; the exact posterior's state
 *       marginals vs its policy's visitation (for maxent the two coincide: its posterior is the
 *       variational q(tau) = p0 prod pi_t P); entropies per t; a Monte Carlo check of the
 *       visitation.
 *   <li>{@link org.varl.experiments.control.IrlExperiment}: MaxEnt IRL of the cell-type weights
 *       from demonstrations sampled from the soft-optimal expert (or read from a file); rewards
 *       compared up to the best constant shift, visitations compared by total variation.
 * </ul>
 *
 * As everywhere in {@code org.varl.experiments}: a config record ({@code defaults()}, {@code
 * withX}, validation naming the CLI option), {@code run(config, listener)}, a result record with
 * every number and array the CLI writes or draws. Nothing here writes files (a map or
 * demonstrations file named by the config is read) or plots.
 */
package org.varl.experiments.control;
