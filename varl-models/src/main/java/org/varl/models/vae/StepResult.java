package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What one training step computed, still on the engine: the batch statistics and the gradients of
 * the batch-summed objective with respect to the parameters (in {@link Vae#parameterNames()}
 * order). All arrays live in the step's manager except where a step documents otherwise.
 *
 * @param stats {@code [objective_sum, recon_sum, kl_sum]} over the batch, in nats: the minimized
 *     objective, the reconstruction term {@code -log p(x|z)} and {@code KL(q(z|x) || p(z))}, each
 *     summed over the batch
 * @param gradients one gradient per parameter
 */
record StepResult(NDArray stats, List<NDArray> gradients) {}
