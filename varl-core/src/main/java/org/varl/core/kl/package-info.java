/**
 * The KL divergence as a registry keyed by the pair of distribution classes (as {@code
 * torch.distributions.kl}): {@link org.varl.core.kl.Kl#divergence Kl.divergence(p, q)} looks up the
 * analytic rule registered for {@code (p.getClass(), q.getClass())}; {@link
 * org.varl.core.kl.Kl#monteCarlo Kl.monteCarlo(p, q, n)} estimates {@code E_p[log p − log q]} for
 * any pair by sampling.
 */
package org.varl.core.kl;
