/**
 * Tabular soft Q-learning on {@code varl-control}'s finite MDPs: the bridge between sampled
 * maximum-entropy RL and the exact messages of control as inference (lecture, "control as
 * inference", the variational backup and its "we'll come back to this").
 *
 * <ul>
 *   <li>{@link org.varl.rl.tabular.TabularSoftQ}: the learner, Q(s,a) += eta [r~ + gamma V_Q(s') -
 *       Q(s,a)] from sampled successors s' ~ P(.|s,a);
 *   <li>{@link org.varl.rl.tabular.TabularSoftQConfig}: temperature, discount and step sizes;
 *   <li>{@link org.varl.rl.tabular.PolynomialSteps}: the Robbins–Monro step sizes eta_n = n^-omega.
 * </ul>
 *
 * Its fixed point is {@link org.varl.control.SoftValueIteration}'s Q* with the {@code maxent}
 * backup, not the {@code exact} one: a sampled successor estimates E V(s'), not alpha log E
 * exp(V(s')/alpha).
 */
package org.varl.rl.tabular;
