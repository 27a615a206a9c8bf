package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class TrainTestSplitTest {

  @Property(tries = 200)
  void randomSplitPartitionsTheRowsInOriginalOrder(
      @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction,
      @ForAll long seed) {
    int nTest = (int) Math.round(n * fraction);
    if (nTest < 1 || nTest > n - 1) {
      return; // rejected with a message, covered in DataSourcesTest
    }
    // Row i holds the value i, so the parts reveal which rows they took.
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    TrainTestSplit split = TrainTestSplit.random(ArrayDataset.of("ids", values, 1), fraction, seed);

    assertThat(split.test().size()).isEqualTo(nTest);
    List<Integer> all = new ArrayList<>();
    for (ArrayDataset part : List.of(split.train(), split.test())) {
      float[] f = part.features();
      for (int k = 0; k < f.length; k++) {
        all.add((int) f[k]);
        if (k > 0) {
          assertThat(f[k]).isGreaterThan(f[k - 1]);
        }
      }
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
    assertThat(
            TrainTestSplit.random(ArrayDataset.of("ids", values, 1), fraction, seed)
                .test()
                .features())
        .isEqualTo(split.test().features());
  }
}
