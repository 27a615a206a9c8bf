/**
 * Files: {@link org.varl.core.io.AtomicFiles} writes every output and checkpoint atomically
 * (temporary file + rename, never over a device, FIFO or link), {@link org.varl.core.io.OutputSet}
 * makes several such writes one (all or none), {@link org.varl.core.io.OutputTarget} is the rule
 * every command's {@code --out} is checked against before any work, and {@link
 * org.varl.core.io.Checkpoint} is the one versioned checkpoint format (named tensors, counters,
 * optimizer state, JSON config, CRC-32) that every model and an RL agent's replay buffer use.
 */
package org.varl.core.io;
