package org.varl.rl.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.io.Checkpoint;

class ReplayBufferTest {

  /**
   * Transition k: s = (k, −k), a = (10k), r = k, s′ = (k + 0.5, −k − 0.5), terminated when k % 3 =
   * 0, truncated when k % 5 = 0; every field says which transition it came from.
   */
  private static void addTransition(ReplayBuffer buffer, int k) {
    buffer.add(
        new double[] {k, -k},
        new double[] {10 * k},
        k,
        new double[] {k + 0.5, -k - 0.5},
        k % 3 == 0,
        k % 5 == 0);
  }

  private static ReplayBuffer filled(int capacity, int transitions) {
    ReplayBuffer buffer = new ReplayBuffer(capacity, 2, 1);
    for (int k = 0; k < transitions; k++) {
      addTransition(buffer, k);
    }
    return buffer;
  }

  @Test
  void theRingOverwritesTheOldestFirst() {
    ReplayBuffer buffer = filled(4, 3);
    assertThat(buffer.size()).isEqualTo(3);
    assertThat(new float[] {buffer.reward(0), buffer.reward(1), buffer.reward(2)})
        .containsExactly(0, 1, 2);
    addTransition(buffer, 3);
    addTransition(buffer, 4);
    addTransition(buffer, 5);
    assertThat(buffer.size()).isEqualTo(4);
    assertThat(buffer.capacity()).isEqualTo(4);
    float[] held = new float[4];
    for (int i = 0; i < 4; i++) {
      held[i] = buffer.reward(i);
    }
    assertThat(held).containsExactly(2, 3, 4, 5);
    assertThat(buffer.terminated(1)).isTrue(); // k = 3
    assertThat(buffer.terminated(0)).isFalse(); // k = 2
    assertThat(buffer.truncated(3)).isTrue(); // k = 5
    assertThat(buffer.truncated(2)).isFalse(); // k = 4
  }

  @Test
  void sampledRowsKeepTheirFieldsTogether() {
    ReplayBuffer buffer = filled(7, 12);
    ReplayBatch batch = buffer.sample(64, new SplittableRandom(1));
    assertThat(batch.size()).isEqualTo(64);
    for (int b = 0; b < 64; b++) {
      float k = batch.rewards()[b];
      assertThat(k).isBetween(5f, 11f);
      assertThat(batch.observations()[2 * b]).isEqualTo(k);
      assertThat(batch.observations()[2 * b + 1]).isEqualTo(-k);
      assertThat(batch.actions()[b]).isEqualTo(10 * k);
      assertThat(batch.nextObservations()[2 * b]).isEqualTo(k + 0.5f);
      assertThat(batch.nextObservations()[2 * b + 1]).isEqualTo(-k - 0.5f);
      assertThat(batch.terminated()[b]).isEqualTo(((int) k) % 3 == 0 ? 1f : 0f);
    }
  }

  @Test
  void samplingIsUniformOverTheHeldTransitions() {
    // 10 slots holding transitions 5..14 after a wrap; 20 000 draws. Pearson's χ² with 9 degrees
    // of freedom has a 0.1% critical value of 27.88; the seed is fixed, so this is deterministic.
    ReplayBuffer buffer = filled(10, 15);
    int n = 20_000;
    long[] counts = new long[10];
    SplittableRandom random = new SplittableRandom(2024);
    for (int draw = 0; draw < n / 500; draw++) {
      ReplayBatch batch = buffer.sample(500, random);
      for (float r : batch.rewards()) {
        int k = (int) r;
        assertThat(k).isBetween(5, 14);
        counts[k - 5]++;
      }
    }
    double expected = n / 10.0;
    double chi2 = 0;
    for (long c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertThat(chi2).isLessThan(27.88);
    for (long c : counts) {
      assertThat(c).isPositive();
    }
  }

  @Test
  void aRestoredBufferSamplesAndOverwritesExactlyAsTheOriginal(@TempDir Path dir) {
    for (int transitions : new int[] {0, 3, 6, 13}) {
      ReplayBuffer original = filled(6, transitions);
      Path file = dir.resolve("replay-" + transitions + ".bin");
      Checkpoint.Builder builder = Checkpoint.builder("replay-test");
      original.writeTo(builder, "replay/");
      builder.build().write(file);
      ReplayBuffer restored = new ReplayBuffer(6, 2, 1);
      restored.readFrom(Checkpoint.read(file, "replay-test"), "replay/");
      assertThat(restored.size()).as("%d transitions", transitions).isEqualTo(original.size());
      // The write position is restored: the next additions overwrite the same slots.
      addTransition(original, 100);
      addTransition(restored, 100);
      addTransition(original, 101);
      addTransition(restored, 101);
      for (int i = 0; i < original.size(); i++) {
        assertThat(restored.reward(i)).isEqualTo(original.reward(i));
        assertThat(restored.terminated(i)).isEqualTo(original.terminated(i));
        assertThat(restored.truncated(i)).isEqualTo(original.truncated(i));
      }
      ReplayBatch a = original.sample(32, new SplittableRandom(7));
      ReplayBatch b = restored.sample(32, new SplittableRandom(7));
      assertThat(b.observations()).containsExactly(a.observations());
      assertThat(b.actions()).containsExactly(a.actions());
      assertThat(b.rewards()).containsExactly(a.rewards());
      assertThat(b.nextObservations()).containsExactly(a.nextObservations());
      assertThat(b.terminated()).containsExactly(a.terminated());
    }
  }

  @Test
  void aCheckpointOfAnotherSizeIsRejected(@TempDir Path dir) {
    Path file = dir.resolve("replay.bin");
    Checkpoint.Builder builder = Checkpoint.builder("replay-test");
    filled(6, 4).writeTo(builder, "replay/");
    builder.build().write(file);
    Checkpoint checkpoint = Checkpoint.read(file, "replay-test");
    assertThatThrownBy(() -> new ReplayBuffer(8, 2, 1).readFrom(checkpoint, "replay/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the checkpoint's buffer-size is 6, this run's 8");
    ReplayBuffer wider = new ReplayBuffer(6, 3, 1);
    wider.add(new double[] {1, 2, 3}, new double[] {4}, 5, new double[] {6, 7, 8}, true, false);
    assertThatThrownBy(() -> wider.readFrom(checkpoint, "replay/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the checkpoint's replay/observations has shape [4, 2], this buffer's [4, 3]");
    assertThat(wider.size()).isEqualTo(1); // left as it was
    assertThat(wider.reward(0)).isEqualTo(5f);

    // Before the ring is full the write position must be the size.
    Checkpoint.Builder inconsistent =
        Checkpoint.builder("replay-test")
            .putCounter("replay/capacity", 6)
            .putCounter("replay/position", 4)
            .putCounter("replay/size", 2);
    assertThatThrownBy(() -> new ReplayBuffer(6, 2, 1).readFrom(inconsistent.build(), "replay/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the checkpoint's buffer has size 2 and position 4");
  }

  @Test
  void badSizesAndInputsAreRejected() {
    assertThatThrownBy(() -> new ReplayBuffer(0, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("buffer-size must be >= 1, found 0");
    assertThatThrownBy(() -> new ReplayBuffer(5, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions must be >= 1, found observation 0 and action 1");
    assertThatThrownBy(() -> new ReplayBuffer(5, 2, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplayBuffer(1_000_000_000, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("buffer-size 1000000000 needs arrays of 3000000000 floats");
    assertThat(ReplayBuffer.bytes(1_000_000, 3, 1)).isEqualTo(4L * 1_000_000 * (6 + 1 + 3));

    ReplayBuffer buffer = new ReplayBuffer(5, 2, 1);
    assertThatThrownBy(() -> buffer.sample(4, new SplittableRandom(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                buffer.add(
                    new double[] {1, 2, 3}, new double[] {0}, 0, new double[] {1, 2}, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("observation must have length 2, found 3 and 2");
    assertThatThrownBy(
            () ->
                buffer.add(
                    new double[] {1, 2}, new double[] {0, 1}, 0, new double[] {1, 2}, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must have length 1, found 2");
    addTransition(buffer, 1);
    assertThatThrownBy(() -> buffer.sample(0, new SplittableRandom(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch-size must be >= 1, found 0");
    assertThatThrownBy(() -> buffer.reward(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
