package org.varl.models.ssm;

/**
 * Training produced a non-finite ELBO (an exploding latent path, a step size too large): not an
 * input error and not a bug. The message names the step and the value.
 */
public final class SsmDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The 1-based step whose ELBO was not finite. */
  private final long step;

  public SsmDivergedException(long step, double elbo) {
    super("training diverged at step " + step + ": the ELBO is " + elbo);
    this.step = step;
  }

  public long step() {
    return step;
  }
}
