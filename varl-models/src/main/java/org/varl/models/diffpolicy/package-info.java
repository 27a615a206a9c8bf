/**
 * Diffusion policies for multimodal imitation (Chi et al. 2023, "Diffusion Policy: visuomotor
 * policy learning via action diffusion"): a conditional DDPM over actions given the state, trained
 * by the ε-prediction loss of Ho et al. (2020) on (state, action) pairs and sampled by ancestral
 * DDPM steps, every action a fresh draw from p_θ(a | s). The forward process, the embedding and the
 * network are those of {@code org.varl.models.diffusion}.
 */
package org.varl.models.diffpolicy;
