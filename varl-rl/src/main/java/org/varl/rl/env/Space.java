package org.varl.rl.env;

/**
 * An observation or action space, as Gymnasium's {@code spaces}: a {@link Box} of real vectors or a
 * {@link Discrete} set {0, …, n − 1}.
 */
public sealed interface Space permits Box, Discrete {

  /** The length of a vector of this space: the box's dimension, or 1 for a discrete index. */
  int dimension();
}
