package org.varl.core.experiments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, algorithm 1; β₁ = 0.9, β₂ = 0.999, ε = 1e-8 as in the paper) on raw parameter arrays.
 * The moment estimates live beside the parameters; {@link #step(NDManager)} temp-attaches everything to the step's
 * scope so that no temporary lands in the parameters' long-lived manager, updates in place, and zeroes the
 * gradients (the PyTorch engine never clears them by itself).
 */
final class Adam {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final List<NDArray> params;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private final float learningRate;
  private final int decaySteps;
  private int t;

  /**
   * @param decaySteps the step size decays linearly from {@code learningRate} to a tenth of it over this many steps
   *     (0: constant), so that the final iterates settle instead of jittering around the optimum
   */
  Adam(List<NDArray> params, double learningRate, int decaySteps) {
    this.params = List.copyOf(params);
    this.learningRate = (float) learningRate;
    this.decaySteps = decaySteps;
    for (NDArray p : params) {
      firstMoments.add(p.zerosLike());
      secondMoments.add(p.zerosLike());
    }
  }

  /** One update from the gradients currently held by the parameters, then zeroes them. */
  void step(NDManager scope) {
    t++;
    float correction1 = (float) (1 - Math.pow(BETA1, t));
    float correction2 = (float) (1 - Math.pow(BETA2, t));
    float progress = decaySteps > 0 ? Math.min(1f, (t - 1) / (float) decaySteps) : 0f;
    float rate = learningRate * (1f - 0.9f * progress);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray m = firstMoments.get(i);
      NDArray v = secondMoments.get(i);
      // Temp-attaching an array the scope already holds would make the scope its "original" manager and close it
      // with the scope; attach only what is still elsewhere.
      for (NDArray a : new NDArray[] {p, m, v}) {
        if (a.getManager() != scope) {
          scope.tempAttachAll(a);
        }
      }
      NDArray g = p.getGradient();
      m.muli(BETA1).addi(g.mul(1 - BETA1));
      v.muli(BETA2).addi(g.square().mul(1 - BETA2));
      NDArray update = m.div(correction1).div(v.div(correction2).sqrt().add(EPS)).mul(rate);
      p.subi(update);
      g.subi(g);
    }
  }
}
