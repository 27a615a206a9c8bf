package org.varl.core.optim;

/**
 * What {@link Adam} needs to continue exactly where it stopped: the number of updates t and the
 * moment estimates, one array per parameter in the optimizer's parameter order. Checkpoints store
 * it as tensors {@code <prefix>m/<i>} and {@code <prefix>v/<i>} and the counter {@code
 * <prefix>step}.
 *
 * @param step updates applied so far, t
 * @param means first moments m_t
 * @param variances second moments v_t
 */
public record AdamState(long step, float[][] means, float[][] variances) {

  /** Checks the parts agree. */
  public AdamState {
    if (step < 0) {
      throw new IllegalArgumentException("adam step must be >= 0, found " + step);
    }
    if (means.length != variances.length) {
      throw new IllegalArgumentException(
          "adam state has "
              + means.length
              + " first moments and "
              + variances.length
              + " second moments");
    }
    for (int i = 0; i < means.length; i++) {
      if (means[i].length != variances[i].length) {
        throw new IllegalArgumentException(
            "adam state of parameter "
                + i
                + " has "
                + means[i].length
                + " first moments and "
                + variances[i].length
                + " second moments");
      }
    }
  }
}
