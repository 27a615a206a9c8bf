package org.varl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolyakTest {

  @Test
  void softUpdateIsTheConvexCombinationAndConvergesToTheOnlineParameters() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray target = m.create(new float[] {0f, 10f});
      NDArray online = m.create(new float[] {1f, -2f});
      Polyak.update(List.of(target), List.of(online), 0.25);
      assertThat(target.toFloatArray()).containsExactly(0.25f, 7f);
      // After n updates the gap shrinks by (1 − τ)^n.
      for (int i = 0; i < 99; i++) {
        Polyak.update(List.of(target), List.of(online), 0.25);
      }
      assertThat((double) target.toFloatArray()[1])
          .isCloseTo(-2 + 12 * Math.pow(0.75, 100), offset(1e-5));
      assertThat(online.toFloatArray()).containsExactly(1f, -2f);
      Polyak.update(List.of(target), List.of(online), 1);
      assertThat(target.toFloatArray()).containsExactly(1f, -2f);
    }
  }

  @Test
  void rejectsBadTauAndMismatchedLists() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<NDArray> a = List.of(m.create(new float[] {0f}));
      assertThatThrownBy(() -> Polyak.update(a, a, 0))
          .hasMessage("tau must be in (0, 1], found 0.0");
      assertThatThrownBy(() -> Polyak.update(a, List.of(m.create(new float[] {0f, 1f})), 0.5))
          .hasMessage("parameter 0: target has 1 values, online has 2");
    }
  }
}
