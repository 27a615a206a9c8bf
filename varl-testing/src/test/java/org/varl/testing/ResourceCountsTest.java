package org.varl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceCountsTest {

  @Test
  void scopedStepsKeepTheRootFlat() {
    try (NDManager root = NDManager.newBaseManager()) {
      NDArray w = root.ones(new Shape(3));
      assertThatCode(
              () ->
                  ResourceCounts.assertFlatOver(
                      root,
                      50,
                      step -> {
                        try (NDManager scope = root.newSubManager()) {
                          scope.tempAttachAll(w);
                          w.add(step).exp().sum().getFloat();
                        }
                      }))
          .doesNotThrowAnyException();
      assertThat(w.isReleased()).isFalse();
    }
  }

  @Test
  void aStepThatComputesInTheRootFailsAtThatStep() {
    try (NDManager root = NDManager.newBaseManager()) {
      NDArray w = root.ones(new Shape(3));
      // The result of w.add(..) attaches to w's manager, the root: one leaked array from step 3 on.
      assertThatThrownBy(
              () ->
                  ResourceCounts.assertFlatOver(
                      root,
                      10,
                      step -> {
                        if (step == 3) {
                          w.add(1f);
                        }
                      }))
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              "the manager held 1 arrays before the first step and 2 after step 3 (of 10): the step leaves"
                  + " arrays in it");
    }
  }

  @Test
  void anUnclosedSubManagerCountsWithItsArrays() {
    try (NDManager root = NDManager.newBaseManager()) {
      int before = ResourceCounts.arrays(root);
      NDManager forgotten = root.newSubManager();
      forgotten.zeros(new Shape(2));
      assertThat(ResourceCounts.arrays(root)).isEqualTo(before + 1);
    }
  }

  @Test
  void readsThatChangeFailNamingTheFirst() {
    assertThatCode(() -> ResourceCounts.assertFlat("arrays", List.of(4, 4, 4)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> ResourceCounts.assertFlat("arrays at each report", List.of(4, 4, 5, 6)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "arrays at each report: read 2 of 4 is 5, the first was 4 (all reads: [4, 4, 5, 6])");
    assertThatThrownBy(() -> ResourceCounts.assertFlat("arrays", List.of(4)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
