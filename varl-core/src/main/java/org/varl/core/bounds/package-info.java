/**
 * Variational bounds on {@code log p(x)} for a latent-variable model {@code p(x, z) = p(z) p(x |
 * z)} with an approximate posterior {@code q(z | x)}: the {@link org.varl.core.bounds.Elbo ELBO}
 * (Monte Carlo or analytic KL), the K-sample {@link org.varl.core.bounds.Iwae IWAE} bound, and the
 * importance-sampled {@link org.varl.core.bounds.LogMarginal log p(x) estimate} used for
 * evaluation.
 *
 * <p>Shapes: {@code x: [B, …]}; the posterior has batch shape {@code [B]} and the latent as event
 * shape (e.g. {@code Normal.diagonal(mu, sigma)}); draws {@code z: [S, B, …]}; the {@link
 * org.varl.core.bounds.Likelihood} maps them to {@code p(x | z)} with batch shape {@code [S, B]}.
 * All bounds are returned per example, shape {@code [B]}, in nats (sum over data dimensions, no
 * averaging over pixels).
 */
package org.varl.core.bounds;
