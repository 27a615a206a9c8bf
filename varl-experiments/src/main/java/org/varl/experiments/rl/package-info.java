/**
 * The experiments of the lecture's maximum-entropy RL part ({@code varl rl ...} and the tour's
 * {@code maxent-rl} section).
 *
 * <ul>
 *   <li>{@link org.varl.experiments.rl.TabularBridgeExperiment}: tabular soft Q-learning from
 *       sampled transitions on a finite MDP against the exact solvers: max |Q - Q*_maxent| goes to
 *       0 with samples, while on a stochastic MDP max |Q - Q*_exact| stays near max |Q*_exact -
 *       Q*_maxent| &gt; 0: sampled learning does not inherit the exact backup's optimism.
 * </ul>
 *
 * As everywhere in {@code org.varl.experiments}: a config record ({@code defaults()}, {@code
 * withX}, validation naming the CLI option), {@code run(config, listener)}, a result record with
 * every number and array the CLI writes or draws.
 */
package org.varl.experiments.rl;
