/**
 * Linear analysis of learned representations, in double precision on EJML (a dense linear-algebra
 * library): what a model's latent code holds, for any model whose codes come out as {@code
 * double[][]} (VAE latent means, the states of a sequential model, an agent's features). Arrays in,
 * immutable records out; no EJML type in the API.
 *
 * <ul>
 *   <li>{@link org.varl.core.analysis.Pca}: centring, principal axes from the SVD of the centred
 *       data (each oriented so that its largest-magnitude entry is positive), projection on k axes,
 *       reconstruction, explained-variance ratios;
 *   <li>{@link org.varl.core.analysis.Assignment}: the exact linear assignment (Hungarian method),
 *       for exact Wasserstein distances between point sets and optimal-transport couplings;
 *   <li>{@link org.varl.core.analysis.LinearProbe}: least squares with an intercept from features
 *       to one or more targets, fitted on training rows and scored by R^2 on test rows
 *       (minimum-norm on a rank-deficient design).
 * </ul>
 */
package org.varl.core.analysis;
