/**
 * Maximum-entropy deep RL: the sample-based form of the lecture's control as inference.
 *
 * <ul>
 *   <li>{@code env}: Gymnasium-style environments (Pendulum-v1, CartPole-v1,
 *       MountainCarContinuous-v0) and the time-limit wrapper;
 *   <li>{@code replay}: the replay buffer and its typed batches;
 *   <li>{@code agents}: SAC, soft Q-learning / DQN, discrete SAC;
 *   <li>{@code tabular}: tabular soft Q-learning on {@code varl-control}'s finite MDPs, checked
 *       against the exact messages.
 * </ul>
 */
package org.varl.rl;
