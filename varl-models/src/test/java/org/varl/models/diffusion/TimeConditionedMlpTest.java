package org.varl.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The conditioned variant: its layout, and that width 0 is the unconditioned network. */
class TimeConditionedMlpTest {

  @Test
  void conditionZeroIsTheUnconditionedNetwork() {
    try (NDManager m = NDManager.newBaseManager();
        TimeConditionedMlp a = TimeConditionedMlp.create(m, 2, 8, 2, 4, 7);
        TimeConditionedMlp b = TimeConditionedMlp.createConditioned(m, 2, 0, 8, 2, 4, 7)) {
      assertThat(b.inputWidth()).isEqualTo(a.inputWidth()).isEqualTo(6);
      for (int i = 0; i < a.parameters().size(); i++) {
        assertThat(b.parameters().get(i).toFloatArray())
            .containsExactly(a.parameters().get(i).toFloatArray());
      }
    }
  }

  @Test
  void conditionedRowsAreXThenCThenTheEmbedding() {
    try (NDManager m = NDManager.newBaseManager();
        TimeConditionedMlp net = TimeConditionedMlp.createConditioned(m, 2, 3, 8, 1, 4, 7)) {
      assertThat(net.inputWidth()).isEqualTo(9);
      assertThat(net.mlp().widths()).containsExactly(9, 8, 2);
      float[] table = net.embedding().table(5);
      float[] rows =
          net.input(
              new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8, 9, 10}, new int[] {0, 4}, table);
      float[] emb4 = new float[4];
      net.embedding().writeInto(4, emb4, 0);
      assertThat(rows)
          .containsExactly(
              1, 2, 5, 6, 7, 0, 0, 1, 1, 3, 4, 8, 9, 10, emb4[0], emb4[1], emb4[2], emb4[3]);
      assertThat(net.forwardInput(net.toEngine(m, rows)).getShape().getShape())
          .containsExactly(2, 2);
      assertThatThrownBy(() -> net.input(new float[2], new double[] {0}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("condition of width 3");
      assertThatThrownBy(() -> net.input(new float[2], new float[2], new int[] {0}, table))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x and c must hold 1 rows of 2 and 3 values, found 2 and 2");
    }
  }
}
