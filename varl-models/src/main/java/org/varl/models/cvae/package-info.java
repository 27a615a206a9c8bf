/**
 * Conditional VAE policies for multimodal imitation: an encoder q_φ(z | s, a), a decoder p_θ(a | s,
 * z) and a prior N(0, I) or a learned p_ψ(z | s), trained by maximizing the β-weighted ELBO on
 * (state, action) pairs; at test time the caller chooses z (per episode, per step, or the prior
 * mean) and the decoder gives the action.
 */
package org.varl.models.cvae;
