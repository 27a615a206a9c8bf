package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST of Debian's dataset-fashion-mnist when it is installed. */
class FashionMnistTest {

  @Test
  void realFashionMnistHasTheStandardSizesRangesAndBalancedClasses() {
    Assumptions.assumeTrue(
        MnistFiles.firstMissing(Path.of(DataSources.FASHION_MNIST_DIR)) == null,
        "dataset-fashion-mnist is not installed");

    TrainTestSplit split = DataSources.load("fashion-mnist", DataOptions.defaults());

    for (ArrayDataset part : new ArrayDataset[] {split.train(), split.test()}) {
      assertThat(part.dimension()).isEqualTo(784);
      assertThat(part.imageShape()).containsExactly(28, 28);
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      double sum = 0;
      for (float v : part.features()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      assertThat(min).isEqualTo(0f);
      assertThat(max).isEqualTo(1f);
      // The commonly quoted mean pixel intensity of Fashion-MNIST is 0.286.
      assertThat(sum / part.features().length).isBetween(0.27, 0.30);
      int[] perClass = new int[10];
      for (int label : part.labels().orElseThrow()) {
        assertThat(label).isBetween(0, 9);
        perClass[label]++;
      }
      // Both parts are exactly balanced: 6000 and 1000 images per class.
      assertThat(perClass).containsOnly(part.size() / 10);
    }
    assertThat(split.train().size()).isEqualTo(60000);
    assertThat(split.test().size()).isEqualTo(10000);
  }
}
