package org.varl.models.ssm;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The latent z_t alone is the state: {@code carry_t = [z_{t−1}, a_{t−1}]} (see {@link LatentPath}).
 */
final class MarkovPath implements LatentPath {

  private final int dimZ;
  private final int dimA;

  MarkovPath(int dimZ, int dimA) {
    this.dimZ = dimZ;
    this.dimA = dimA;
  }

  @Override
  public int carrySize() {
    return dimZ + dimA;
  }

  @Override
  public int featureSize() {
    return dimZ;
  }

  @Override
  public NDArray advance(NDArray carry, NDArray z, NDArray action) {
    return dimA == 0 ? z : z.concat(action, z.getShape().dimension() - 1);
  }

  @Override
  public NDArray features(NDArray carry, NDArray z) {
    return z;
  }

  @Override
  public List<NDArray> parameters() {
    return List.of();
  }

  @Override
  public List<String> parameterNames() {
    return List.of();
  }
}
