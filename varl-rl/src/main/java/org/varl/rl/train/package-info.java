/**
 * The off-policy training loop shared by every agent ({@link org.varl.rl.train.OffPolicyTrainer}):
 * random steps before learning starts, acting, the replay buffer, updates on the agent's schedule,
 * evaluations on a separate environment with disjoint seeds, {@code metrics.csv}, and a checkpoint
 * at every evaluation from which a resumed run continues the uninterrupted one bit for bit. The
 * algorithm registry ({@link org.varl.rl.train.Algorithms}) maps {@code --algo} names to agents.
 */
package org.varl.rl.train;
