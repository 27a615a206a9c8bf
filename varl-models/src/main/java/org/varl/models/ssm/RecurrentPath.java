package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The RSSM's deterministic path: {@code h_t = GRU(h_{t−1}, [z_{t−1}, a_{t−1}])}, the carry; the
 * decoder sees {@code [h_t, z_t]} (Hafner et al. 2019, section 3, "recurrent state-space model").
 */
final class RecurrentPath implements LatentPath {

  private final int dimZ;
  private final int dimA;
  private final Gru gru;

  RecurrentPath(int dimZ, int dimA, Gru gru) {
    this.dimZ = dimZ;
    this.dimA = dimA;
    this.gru = gru;
  }

  @Override
  public int carrySize() {
    return gru.hiddenSize();
  }

  @Override
  public int featureSize() {
    return gru.hiddenSize() + dimZ;
  }

  @Override
  public NDArray advance(NDArray carry, NDArray z, NDArray action) {
    NDArray input = dimA == 0 ? z : z.concat(action, z.getShape().dimension() - 1);
    return gru.step(gru.project(input), carry);
  }

  @Override
  public NDArray features(NDArray carry, NDArray z) {
    return carry.concat(z, carry.getShape().dimension() - 1);
  }

  @Override
  public List<NDArray> parameters() {
    return gru.parameters();
  }

  @Override
  public List<String> parameterNames() {
    return Gru.parameterNames("transition.");
  }
}
