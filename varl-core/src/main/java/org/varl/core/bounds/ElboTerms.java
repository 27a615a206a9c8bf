package org.varl.core.bounds;

import ai.djl.ndarray.NDArray;

/**
 * The ELBO and its two terms, per example (shape {@code [B]}): {@code elbo = reconstruction − kl},
 * {@code reconstruction = E_q[log p(x | z)]}, {@code kl = KL(q(z|x) ‖ p(z))} (analytic or its Monte
 * Carlo estimate). All three carry gradients.
 */
public record ElboTerms(NDArray elbo, NDArray reconstruction, NDArray kl) {}
