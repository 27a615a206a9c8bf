package org.varl.models.diffusion;

/**
 * The training loss became NaN or infinite. Training stops at once; the run directory keeps the
 * last good checkpoint, which the message names.
 */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final long step;

  TrainingDivergedException(String message, long step) {
    super(message);
    this.step = step;
  }

  /** The 0-based step whose loss was not finite. */
  public long step() {
    return step;
  }
}
