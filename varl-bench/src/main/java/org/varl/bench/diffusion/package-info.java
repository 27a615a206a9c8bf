/**
 * varl's side of {@code bench/toy2d-vs-pytorch.sh}: DDPM (and, from the flow branch, I-CFM) on
 * 8gaussians with the PyTorch peer's data, network, batch, optimizer and sampler.
 */
package org.varl.bench.diffusion;
