package org.varl.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

  @Test
  void aSizeAboveTheHeapLimitIsOneLineWithFieldValueEstimateAndLimit() {
    String limit = MemoryBudget.format(Runtime.getRuntime().maxMemory());
    assertThatThrownBy(
            () -> MemoryBudget.check("points", 2_000_000_000L, MemoryBudget.floats(1e13), "data"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "points: 2000000000 needs an estimated 36.4 TiB for data, above the heap limit of "
                + limit
                + " (Runtime.maxMemory()); reduce it or raise -Xmx");
    assertThatThrownBy(() -> MemoryBudget.check("k", 1, Double.POSITIVE_INFINITY, "x"))
        .hasMessageStartingWith("k: 1 needs an estimated Infinity");
    assertThatCode(() -> MemoryBudget.check("k", 1, MemoryBudget.doubles(1000), "x"))
        .doesNotThrowAnyException();
  }

  @Test
  void bytesAreShownInBinaryUnits() {
    assertThat(MemoryBudget.format(812)).isEqualTo("812 bytes");
    assertThat(MemoryBudget.format(3.5 * 1024 * 1024 * 1024)).isEqualTo("3.5 GiB");
    assertThat(MemoryBudget.floats(10)).isEqualTo(40);
    assertThat(MemoryBudget.doubles(10)).isEqualTo(80);
  }
}
