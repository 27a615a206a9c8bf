/**
 * Numerically stable elementwise and reduction helpers on DJL {@link ai.djl.ndarray.NDArray}s that
 * DJL's PyTorch engine lacks or computes naively: {@link
 * org.varl.core.numerics.StableMath#logSumExp log-sum-exp} with a max shift (correct for rows that
 * are all {@code -inf}), log-mean-exp, softplus and log-sigmoid without overflow.
 *
 * <p>Every result attaches to the manager of the input array, as DJL ops do; call these inside the
 * step's sub-manager.
 */
package org.varl.core.numerics;
