package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayDatasetTest {

  private static final ArrayDataset DATA =
      ArrayDataset.of("toy", new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 4)
          .withLabels(new int[] {7, 8, 9})
          .withFactors(List.of("a", "b"), new double[][] {{0, 0.5}, {1, 1.5}, {2, 2.5}})
          .withImageShape(2, 2);

  @Test
  void rowsAreSlicesOfTheRowMajorFeatures() {
    assertThat(DATA.size()).isEqualTo(3);
    assertThat(DATA.dimension()).isEqualTo(4);
    assertThat(DATA.row(1)).containsExactly(4, 5, 6, 7);
    assertThat(DATA.gather(new int[] {2, 0}, new float[8]))
        .containsExactly(8, 9, 10, 11, 0, 1, 2, 3);
    assertThat(DATA.imageShape()).containsExactly(2, 2);
    assertThat(DATA.isImage()).isTrue();
    assertThat(DATA.label(2)).isEqualTo(9);
  }

  @Test
  void subsetKeepsLabelsFactorsNameAndShapeInIndexOrder() {
    ArrayDataset sub = DATA.subset(new int[] {2, 0, 2});

    assertThat(sub.features()).containsExactly(8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11);
    assertThat(sub.labels()).get().isEqualTo(new int[] {9, 7, 9});
    assertThat(sub.factors().orElseThrow())
        .isDeepEqualTo(new double[][] {{2, 2.5}, {0, 0.5}, {2, 2.5}});
    assertThat(sub.factorNames()).containsExactly("a", "b");
    assertThat(sub.name()).isEqualTo("toy");
    assertThat(sub.imageShape()).containsExactly(2, 2);
  }

  @Test
  void subsetWithAnIndexOutOfRangeNamesPositionAndValue() {
    assertThatThrownBy(() -> DATA.subset(new int[] {0, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index 3 at position 1 is outside [0, 3) of data set toy");
  }

  @Test
  void returnedArraysOtherThanFeaturesAreCopies() {
    DATA.row(0)[0] = 99;
    DATA.labels().orElseThrow()[0] = 99;
    DATA.factors().orElseThrow()[0][0] = 99;
    DATA.imageShape()[0] = 99;
    float[] input = {1, 2};
    ArrayDataset copy = ArrayDataset.of("c", input, 1);
    input[0] = 99;

    assertThat(DATA.row(0)[0]).isZero();
    assertThat(DATA.label(0)).isEqualTo(7);
    assertThat(DATA.factors().orElseThrow()[0][0]).isZero();
    assertThat(DATA.imageShape()[0]).isEqualTo(2);
    assertThat(copy.features()).containsExactly(1, 2);
  }

  @Test
  void requireDimensionSaysWhatDoesNotFit() {
    ArrayDataset csv = ArrayDataset.of("csv:x.csv", new float[20], 10);

    assertThat(DATA.requireDimension(4, "the model's input")).isSameAs(DATA);
    assertThatThrownBy(() -> csv.requireDimension(784, "the model's input"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data dimension 10 (csv:x.csv) does not fit the model's input 784");
  }

  @Test
  void inconsistentPartsAreRejected() {
    assertThatThrownBy(() -> ArrayDataset.of("x", new float[10], 4))
        .hasMessage("features length 10 is not a multiple of dimension 4");
    assertThatThrownBy(() -> ArrayDataset.of("x", new float[8], 0))
        .hasMessage("dimension must be >= 1, found 0");
    assertThatThrownBy(() -> DATA.withLabels(new int[2]))
        .hasMessage("labels length 2 does not match size 3");
    assertThatThrownBy(() -> DATA.withImageShape(3, 2))
        .hasMessage("image shape 3x2 does not fit data dimension 4");
    assertThatThrownBy(() -> DATA.withFactors(List.of("a"), new double[][] {{1}, {2, 3}, {4}}))
        .hasMessage("factors row 1 has 2 values, expected 1 [a]");
    assertThatThrownBy(() -> new TrainTestSplit(DATA, ArrayDataset.of("y", new float[3], 3)))
        .hasMessage("train dimension 4 differs from test dimension 3");
  }

  @Test
  void withoutLabelsOrFactorsTheOptionalsAreEmpty() {
    ArrayDataset plain = ArrayDataset.of("p", new float[6], 3);

    assertThat(plain.labels()).isEmpty();
    assertThat(plain.factors()).isEmpty();
    assertThat(plain.factorNames()).isEmpty();
    assertThat(plain.imageShape()).isEmpty();
    assertThatThrownBy(() -> plain.label(0)).isInstanceOf(IllegalStateException.class);
  }
}
