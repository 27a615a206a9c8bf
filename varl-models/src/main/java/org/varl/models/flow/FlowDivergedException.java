package org.varl.models.flow;

/**
 * The training loss became NaN or infinite; the run stopped without writing that step, so the last
 * checkpoint on disk is the last good one.
 */
public final class FlowDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final long step;

  FlowDivergedException(String message, long step) {
    super(message);
    this.step = step;
  }

  /** The 0-based step whose loss was not finite. */
  public long step() {
    return step;
  }
}
