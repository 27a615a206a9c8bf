package org.varl.models.vae;

/**
 * The training objective became NaN or infinite. Training stops at once; the run directory keeps
 * the checkpoint of the last finished epoch, which the message names.
 */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int step;

  TrainingDivergedException(String message, int epoch, int step) {
    super(message);
    this.epoch = epoch;
    this.step = step;
  }

  /** The 1-based epoch in which the loss diverged. */
  public int epoch() {
    return epoch;
  }

  /** The 0-based step within that epoch ({@code -1} for the test evaluation). */
  public int step() {
    return step;
  }
}
