/**
 * Sequential latent state-space models for partially observed problems: the lecture's "VAE through
 * time" with a transition prior p(z_t | z_{t−1}, a_{t−1}), a decoder p(x_t | z_t) and an encoder
 * over the observations, and its exact reference, the linear-Gaussian state-space model with the
 * Kalman filter's log p(x_{1:T}).
 *
 * <ul>
 *   <li>{@link org.varl.models.ssm.LinearGaussianSsm}, {@link org.varl.models.ssm.Kalman}: the
 *       exact model (plain Java double arithmetic), sampling with actions, exact log-likelihood,
 *       filtering and smoothing moments.
 *   <li>{@link org.varl.models.ssm.SequenceModel}: the learned model on DJL (Gaussian latent,
 *       optional deterministic GRU path: the RSSM of PlaNet), filtering or smoothing encoder
 *       (Krishnan et al. 2017), MLP or conv frame networks (the VAE's {@link
 *       org.varl.models.vae.ConvNets}), {@link org.varl.models.ssm.SequenceElbo} the sequence ELBO
 *       with analytic KL, free nats and KL balancing, {@link org.varl.models.ssm.SsmTrainer} its
 *       training loop.
 * </ul>
 */
package org.varl.models.ssm;
