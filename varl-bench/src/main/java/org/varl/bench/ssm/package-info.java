/** Whole-run benchmark of the sequential latent models: training throughput and its op profile. */
package org.varl.bench.ssm;
