/**
 * The {@code varl vae} subcommands: Variational autoencoders: train, evaluate, sample, reconstruct,
 * explore the latent space.
 */
package org.varl.cli.vae;
