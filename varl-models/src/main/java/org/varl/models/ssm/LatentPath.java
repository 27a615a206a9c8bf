package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What carries the past to step t: the one interface behind which the two state-space variants
 * differ.
 *
 * <ul>
 *   <li>{@link MarkovPath}: the state is z_t alone; {@code carry_t = [z_{t−1}, a_{t−1}]}, prior
 *       p(z_t | z_{t−1}, a_{t−1}), decoder p(x_t | z_t).
 *   <li>{@link RecurrentPath}: the RSSM of PlaNet (Hafner et al. 2019), a deterministic h_t =
 *       GRU(h_{t−1}, [z_{t−1}, a_{t−1}]) beside the stochastic z_t; prior p(z_t | h_t), decoder
 *       p(x_t | h_t, z_t).
 * </ul>
 *
 * The carry at t = 0 is zeros; p(z_1) is a separate learned Gaussian ({@link SequenceModel}).
 */
public interface LatentPath {

  /** Width of the carry. */
  int carrySize();

  /** Width of the decoder's input. */
  int featureSize();

  /**
   * {@code carry_t} from {@code carry_{t−1}: [B, carry]}, {@code z_{t−1}: [B, dz]}, {@code a_{t−1}:
   * [B, da]}.
   */
  NDArray advance(NDArray carry, NDArray z, NDArray action);

  /** The decoder's input from {@code carry: [..., carry]} and {@code z: [..., dz]}. */
  NDArray features(NDArray carry, NDArray z);

  /** Learned parameters of the path (none for the Markov path). */
  List<NDArray> parameters();

  /** Their names, in order. */
  List<String> parameterNames();
}
