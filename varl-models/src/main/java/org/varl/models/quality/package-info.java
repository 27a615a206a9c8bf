/**
 * Sample-quality metrics for generative models of points, one implementation used by the diffusion
 * and flow-matching commands, the tour and the benchmark: the energy distance to fresh data ({@link
 * org.varl.models.quality.EnergyDistance}), the exact 2-Wasserstein distance by assignment ({@link
 * org.varl.models.quality.Wasserstein}), and, where the data's density is known, the mean true
 * log-density of the samples and the per-mode fractions of 8gaussians ({@link
 * org.varl.models.quality.SampleQuality}).
 */
package org.varl.models.quality;
