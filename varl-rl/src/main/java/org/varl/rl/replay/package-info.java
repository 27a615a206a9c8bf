/**
 * The replay buffer of off-policy RL (SB3's {@code ReplayBuffer}): primitive-array rings with O(1)
 * insertion, seeded uniform sampling into a typed {@link org.varl.rl.replay.ReplayBatch}, and its
 * place in the checkpoint so that a resumed run continues the uninterrupted one exactly.
 */
package org.varl.rl.replay;
