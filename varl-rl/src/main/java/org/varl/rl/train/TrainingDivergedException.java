package org.varl.rl.train;

/**
 * An update's loss or temperature became NaN or infinite. Training stops at once; the run directory
 * keeps the checkpoint and metrics of the last evaluation, which the message names.
 */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  TrainingDivergedException(String message) {
    super(message);
  }
}
