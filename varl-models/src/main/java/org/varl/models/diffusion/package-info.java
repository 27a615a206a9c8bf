/**
 * Denoising diffusion probabilistic models (Ho et al., "Denoising Diffusion Probabilistic Models",
 * NeurIPS 2020) as hierarchical VAEs with a fixed encoder, and the parts they share with flow
 * matching: the time-conditioned network {@link org.varl.models.diffusion.TimeConditionedMlp} with
 * its {@link org.varl.models.diffusion.SinusoidalEmbedding}, and the hand-derived training step of
 * a weighted squared-error regression, {@link org.varl.models.diffusion.RegressionStep}.
 */
package org.varl.models.diffusion;
