/**
 * Issue 13's experiment: SAC on the true state, on the latent means of a VAE trained on replayed
 * frames, and on raw pixels, with the same seeds and the same number of environment steps ({@link
 * org.varl.experiments.repr.RepresentationExperiment}).
 */
package org.varl.experiments.repr;
