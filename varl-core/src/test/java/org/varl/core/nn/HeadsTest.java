package org.varl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.TanhNormal;

class HeadsTest {

  @Test
  void diagonalNormalReadsMeanAndLogVariance() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray out = m.create(new float[] {1f, -2f, (float) Math.log(4), 0f}, new Shape(1, 4));
      Independent q = Heads.diagonalNormal(out);
      assertThat(q.mean().toFloatArray()).containsExactly(1f, -2f);
      assertThat(q.variance().toFloatArray()[0]).isCloseTo(4f, offset(1e-5f));
      assertThat(q.variance().toFloatArray()[1]).isCloseTo(1f, offset(1e-6f));
      assertThatThrownBy(() -> Heads.diagonalNormal(m.zeros(new Shape(1, 3))))
          .hasMessage("a Gaussian head needs an even output width, found 3");
    }
  }

  @Test
  void tanhNormalClipsTheLogStd() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray out = m.create(new float[] {0.5f, 0f, 30f, -50f}, new Shape(1, 4));
      TanhNormal pi = Heads.tanhNormal(out, Heads.LOG_STD_MIN, Heads.LOG_STD_MAX);
      float[] scale = pi.base().scale().toFloatArray();
      assertThat(scale[0]).isCloseTo((float) Math.exp(2), offset(1e-4f));
      assertThat(scale[1]).isCloseTo((float) Math.exp(-20), offset(1e-12f));
      assertThat(pi.mode().toFloatArray()[0]).isCloseTo((float) Math.tanh(0.5), offset(1e-6f));
    }
  }

  @Test
  void maskedCategoricalGivesZeroProbabilityToInvalidEntries() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {1f, 2f, 3f, 0f, 0f, 0f}, new Shape(2, 3));
      NDArray valid =
          m.create(new boolean[] {true, false, true, false, true, true}, new Shape(2, 3));
      Categorical c = Heads.maskedCategorical(logits, valid);
      float[] p = c.probs().toFloatArray();
      double z = Math.exp(1) + Math.exp(3);
      assertThat(p[0]).isCloseTo((float) (Math.exp(1) / z), offset(1e-6f));
      assertThat(p[1]).isEqualTo(0f);
      assertThat(p[3]).isEqualTo(0f);
      assertThat(p[4]).isCloseTo(0.5f, offset(1e-6f));
      NDArray none =
          m.create(new boolean[] {false, false, false, true, true, true}, new Shape(2, 3));
      assertThatThrownBy(() -> Heads.maskedCategorical(logits, none))
          .hasMessage("every row of the mask needs at least one valid entry");
    }
  }
}
