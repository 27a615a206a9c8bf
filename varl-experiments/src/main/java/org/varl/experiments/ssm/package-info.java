/**
 * The state-space experiment of the lecture: the sequence VAE's bound against the exact likelihood
 * of a linear-Gaussian model, with the filtering and the smoothing encoder.
 */
package org.varl.experiments.ssm;
