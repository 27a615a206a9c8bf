/**
 * The VAE experiment of the lecture: train a VAE on the {@code shapes} sprites, whose generative
 * factors are known, then score its bound, its importance-sampled log-likelihood and a linear probe
 * from the latent means to each factor. The tour's VAE section renders it.
 */
package org.varl.experiments.vae;
