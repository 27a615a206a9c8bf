package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {

  @Property(tries = 200)
  void eachEpochIsAPermutationCutIntoBatches(
      @ForAll @IntRange(min = 0, max = 500) int size,
      @ForAll @IntRange(min = 1, max = 64) int batchSize,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int epoch) {
    MiniBatches batches = new MiniBatches(size, batchSize, seed, epoch);

    List<Integer> seen = new ArrayList<>();
    int b = 0;
    for (int[] batch : batches) {
      boolean last = b == batches.numBatches() - 1;
      assertThat(batch.length).isEqualTo(last ? size - b * batchSize : batchSize);
      for (int i : batch) {
        seen.add(i);
      }
      b++;
    }
    assertThat(b).isEqualTo((size + batchSize - 1) / batchSize);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, size).boxed().toList());
  }

  @Test
  void lastPartialBatchIsKept() {
    MiniBatches batches = new MiniBatches(10, 4, 1, 0);

    assertThat(batches.numBatches()).isEqualTo(3);
    assertThat(batches.batch(0)).hasSize(4);
    assertThat(batches.batch(2)).hasSize(2);
  }

  @Test
  void sameSeedAndEpochGiveTheSameOrderWhateverCameBefore() {
    int[] fresh = new MiniBatches(1000, 32, 7, 5).order();
    // A "resumed" run builds epoch 5 directly, after having built other epochs and seeds.
    for (int e = 0; e < 5; e++) {
      new MiniBatches(1000, 32, 99, e).order();
    }
    int[] resumed = new MiniBatches(1000, 32, 7, 5).order();

    assertThat(resumed).isEqualTo(fresh);
    // Batch b is the b-th slice of the order, so a run can start at any step.
    assertThat(new MiniBatches(1000, 32, 7, 5).batch(3))
        .isEqualTo(java.util.Arrays.copyOfRange(fresh, 96, 128));
  }

  @Test
  void epochsAndSeedsShuffleDifferently() {
    int[] e0 = new MiniBatches(1000, 32, 7, 0).order();
    int[] e1 = new MiniBatches(1000, 32, 7, 1).order();
    int[] s8 = new MiniBatches(1000, 32, 8, 0).order();

    assertThat(e0).isNotEqualTo(e1).isNotEqualTo(s8);
    // And the shuffle actually moves things: a random permutation of 1000 has ~1 fixed point on
    // average.
    long fixed = IntStream.range(0, 1000).filter(i -> e0[i] == i).count();
    assertThat(fixed).isLessThan(10);
  }

  @Test
  void shuffleIsUniformOverPositions() {
    // Over 3000 epochs, element 0 lands in each of 5 positions about 600 times (binomial sd 21.9;
    // 110 is 5 sd).
    int[] counts = new int[5];
    for (int e = 0; e < 3000; e++) {
      int[] order = new MiniBatches(5, 5, 3, e).order();
      for (int p = 0; p < 5; p++) {
        if (order[p] == 0) {
          counts[p]++;
        }
      }
    }
    for (int c : counts) {
      assertThat(c).isBetween(490, 710);
    }
  }

  @Test
  void sequentialKeepsRowOrder() {
    MiniBatches batches = MiniBatches.sequential(5, 2);

    assertThat(batches.batch(0)).containsExactly(0, 1);
    assertThat(batches.batch(2)).containsExactly(4);
  }

  @Test
  void badArgumentsAreReported() {
    assertThatThrownBy(() -> new MiniBatches(10, 0, 1, 0))
        .hasMessage("batchSize must be >= 1, found 0");
    assertThatThrownBy(() -> new MiniBatches(-1, 4, 1, 0))
        .hasMessage("size must be >= 0, found -1");
    assertThatThrownBy(() -> new MiniBatches(10, 4, 1, -1))
        .hasMessage("epoch must be >= 0, found -1");
    assertThatThrownBy(() -> new MiniBatches(10, 4, 1, 0).batch(3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
