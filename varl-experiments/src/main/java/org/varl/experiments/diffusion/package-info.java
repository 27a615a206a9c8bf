/**
 * The lecture's diffusion experiment: a DDPM trained on the 2-D 8gaussians toy, judged by its
 * samples against the true density and by its variational bound against the data's entropy.
 */
package org.varl.experiments.diffusion;
