/**
 * Latent-variable models built on varl-core: the variational autoencoder ({@link
 * org.varl.models.vae}) and, later, conditional and sequential variants. Models are DJL blocks;
 * their training loops live beside them.
 */
package org.varl.models;
