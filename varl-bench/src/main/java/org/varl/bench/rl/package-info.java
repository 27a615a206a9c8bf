/**
 * Whole-run RL benchmarks: the discrete-action agents (DQN, soft Q-learning, discrete SAC) trained
 * on CartPole-v1 and evaluated against the quality target and rl-baselines3-zoo's published result;
 * driven by bench/cartpole-discrete.sh.
 */
package org.varl.bench.rl;
