/**
 * {@code varl ssm}: sequential latent state-space models — generate linear-Gaussian sequences with
 * their true parameters, train the sequence VAE (filtering or smoothing encoder, optional RSSM
 * path), and compare its held-out ELBO with the Kalman filter's exact log-likelihood.
 */
package org.varl.cli.ssm;
