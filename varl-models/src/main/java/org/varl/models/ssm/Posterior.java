package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;

/**
 * One step of an encoder bound to a batch of sequences: the Gaussian q(z_t | carry_t, ·) as {@code
 * [B, 2·dz]} = [μ | log σ²], where the carry is the latent path's state before z_t ({@link
 * LatentPath}: {@code [z_{t−1}, a_{t−1}]}, or h_t for the RSSM; zeros at t = 0). The model's
 * networks are one implementation ({@link SequenceModel#posterior}); an exact posterior is another
 * (the tests' Kalman conditionals).
 */
@FunctionalInterface
public interface Posterior {

  /** [μ | log σ²] of q(z_t | ·) for step t (0-based), {@code carry: [B, carrySize]}. */
  NDArray at(int t, NDArray carry);
}
