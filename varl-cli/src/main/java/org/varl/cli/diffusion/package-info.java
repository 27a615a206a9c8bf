/**
 * {@code varl diffusion}: train a DDPM on 2-D toys, a CSV of points or images ({@code train}), draw
 * from it with the ancestral or DDIM sampler ({@code sample}), and compute its variational bound
 * term by term on held-out data ({@code elbo}); the figures of those commands ({@link
 * org.varl.cli.diffusion.DiffusionFigures}) and the tour's diffusion section.
 */
package org.varl.cli.diffusion;
