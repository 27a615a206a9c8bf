/**
 * Whole-run VAE benchmark against PyTorch's examples/vae (run by {@code bench/vae-vs-pytorch.sh}).
 */
package org.varl.bench.vae;
