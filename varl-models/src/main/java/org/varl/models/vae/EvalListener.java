package org.varl.models.vae;

/**
 * What {@link VaeEvaluator} tells its caller while it runs, in the shape of the experiments'
 * listener: the stages (the test ELBO, then the importance-sampled log-likelihood, whose work is K
 * draws per example and can take hours at a large K), each with its units of work, and the units
 * done. The CLI draws a progress bar from these calls; {@link #NONE} ignores them.
 */
public interface EvalListener {

  /** Ignores everything. */
  EvalListener NONE = new EvalListener() {};

  /** A stage begins with {@code totalUnits} units of work. */
  default void stage(String name, long totalUnits) {}

  /** {@code units} more units of the current stage are done. */
  default void advance(long units) {}
}
