/**
 * JMH benchmarks of varl-core's kernels: {@code rsample + logProb} of Normal and Categorical at
 * batch 128 × 20, and one ELBO + backward of the 784-400-20 VAE encoder/decoder (PyTorch
 * examples/vae shapes). Run them with {@code bench/jmh-core.sh}, which also times the same
 * operations in PyTorch and prints the ratios.
 */
package org.varl.bench.core;
