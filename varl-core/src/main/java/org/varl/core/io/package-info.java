/**
 * Files: {@link org.varl.core.io.AtomicFiles} writes every output and checkpoint atomically
 * (temporary file + rename), and {@link org.varl.core.io.Checkpoint} is the one versioned
 * checkpoint format (named tensors, counters, optimizer state, JSON config, CRC-32) that every
 * model and an RL agent's replay buffer use.
 */
package org.varl.core.io;
