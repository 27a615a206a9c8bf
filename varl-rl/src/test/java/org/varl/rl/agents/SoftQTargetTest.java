package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The soft Bellman target of {@link SoftQAgent} on hand-made arrays. */
class SoftQTargetTest {

  /** Three transitions, three actions; the second is terminal. Large Q to test the shift. */
  private static final float[] NEXT_Q = {1.5f, -0.25f, 3f, 2f, 2f, -7f, 1000f, 999f, 990f};

  private static final float[] REWARDS = {0.5f, -1f, 2f};
  private static final float[] TERMINATED = {0f, 1f, 0f};
  private static final float GAMMA = 0.99f;

  private static NDArray[] arrays(NDManager m) {
    return new NDArray[] {
      m.create(NEXT_Q, new Shape(3, 3)), m.create(REWARDS), m.create(TERMINATED)
    };
  }

  @Test
  void alphaZeroIsTheDqnTargetBitForBit() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] a = arrays(m);
      float[] y = SoftQAgent.softTarget(a[0], a[1], a[2], GAMMA, 0f).toFloatArray();
      for (int i = 0; i < 3; i++) {
        // DQN (Mnih et al. 2015; SB3's dqn.py): r + γ (1 − done) max_a′ Q'(s′, a′), in float32.
        float max = Math.max(NEXT_Q[3 * i], Math.max(NEXT_Q[3 * i + 1], NEXT_Q[3 * i + 2]));
        float dqn = REWARDS[i] + GAMMA * (1f - TERMINATED[i]) * max;
        assertThat(Float.floatToIntBits(y[i])).as("row %d", i).isEqualTo(Float.floatToIntBits(dqn));
      }
    }
  }

  @Test
  void softTargetIsTheLogSumExpBackupInDoublePrecision() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] a = arrays(m);
      for (double alpha : new double[] {0.01, 0.5, 1, 10}) {
        float[] y = SoftQAgent.softTarget(a[0], a[1], a[2], GAMMA, (float) alpha).toFloatArray();
        for (int i = 0; i < 3; i++) {
          double[] row = {NEXT_Q[3 * i], NEXT_Q[3 * i + 1], NEXT_Q[3 * i + 2]};
          double expected = REWARDS[i] + GAMMA * (1 - TERMINATED[i]) * softValue(row, alpha);
          assertThat((double) y[i])
              .as("alpha %s row %d", alpha, i)
              .isFinite()
              .isCloseTo(expected, offset(2e-6 * Math.max(1, Math.abs(expected))));
        }
      }
    }
  }

  /** α log Σ exp(q/α) by the shifted sum in double. */
  static double softValue(double[] q, double alpha) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : q) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : q) {
      sum += Math.exp((v - max) / alpha);
    }
    return max + alpha * Math.log(sum);
  }

  @Test
  void smallAlphaApproachesTheHardMaxWithinAlphaLogActions() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] a = arrays(m);
      float[] hard = SoftQAgent.softTarget(a[0], a[1], a[2], GAMMA, 0f).toFloatArray();
      double previousGap = Double.POSITIVE_INFINITY;
      for (double alpha : new double[] {1, 0.1, 1e-2, 1e-3}) {
        float[] soft = SoftQAgent.softTarget(a[0], a[1], a[2], GAMMA, (float) alpha).toFloatArray();
        double gap = 0;
        for (int i = 0; i < 3; i++) {
          // max ≤ α log Σ exp(q/α) ≤ max + α log |A|, scaled by γ(1 − d); float rounding of the
          // large row (|y| ≈ 1000) allowed for.
          double d = soft[i] - hard[i];
          double slack = 1e-4 * Math.max(1, Math.abs(hard[i]));
          assertThat(d)
              .as("alpha %s row %d", alpha, i)
              .isBetween(-slack, GAMMA * alpha * Math.log(3) + slack);
          gap = Math.max(gap, d);
        }
        assertThat(gap).as("the gap shrinks with alpha").isLessThanOrEqualTo(previousGap);
        previousGap = gap;
      }
      // Rows 0 and 1 have distinct maxima: the gap is γ α log(1 + Σ exp(−Δ/α)), far below α log 3.
      float[] tiny = SoftQAgent.softTarget(a[0], a[1], a[2], GAMMA, 1e-3f).toFloatArray();
      assertThat((double) tiny[0]).isCloseTo(hard[0], offset(1e-6));
    }
  }
}
