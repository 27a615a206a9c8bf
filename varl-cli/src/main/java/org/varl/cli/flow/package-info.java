/**
 * {@code varl flow}: conditional flow matching on the toy data (train, sample, nll, quality) and
 * its part of the diffusion tour section; thin commands over {@link org.varl.models.flow}.
 */
package org.varl.cli.flow;
