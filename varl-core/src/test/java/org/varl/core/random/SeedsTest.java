package org.varl.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void mixIsAPureFunctionThatSeparatesStreamsAndCoordinates() {
    assertThat(Seeds.mix(1, 2, 3, 4)).isEqualTo(Seeds.mix(1, 2, 3, 4));
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 8; seed++) {
      for (long stream = 0; stream < 8; stream++) {
        for (long step = 0; step < 8; step++) {
          seen.add(Seeds.mix(seed, stream, step));
        }
      }
    }
    assertThat(seen).hasSize(8 * 8 * 8);
    assertThat(Seeds.mix(1, 2, 3)).isNotEqualTo(Seeds.mix(1, 3, 2)); // order matters
    assertThat(Seeds.mix(1)).isNotEqualTo(Seeds.mix(1, 0)); // a coordinate 0 is still a coordinate
  }

  @Test
  void mixedSeedsHaveBalancedBits() {
    // Each output bit of the finalizer is 1 with probability 1/2: over 4096 consecutive inputs,
    // 64·4096 bits.
    long ones = 0;
    int n = 4096;
    for (int i = 0; i < n; i++) {
      ones += Long.bitCount(Seeds.mix(42, i));
    }
    double p = ones / (64.0 * n);
    assertThat(p).isCloseTo(0.5, offset(4 * 0.5 / Math.sqrt(64.0 * n)));
  }

  @Test
  void noiseIsStandardNormalAndDeterminedByItsCoordinates() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] a =
          NoiseStream.normal(m, new Shape(20000), 7, Streams.TRAIN_NOISE, 3, 4).toFloatArray();
      float[] b =
          NoiseStream.normal(m, new Shape(20000), 7, Streams.TRAIN_NOISE, 3, 4).toFloatArray();
      float[] c =
          NoiseStream.normal(m, new Shape(20000), 7, Streams.TRAIN_NOISE, 3, 5).toFloatArray();
      assertThat(b).containsExactly(a);
      assertThat(c).isNotEqualTo(a);
      double sum = 0;
      double sq = 0;
      for (float v : a) {
        sum += v;
        sq += v * v;
      }
      double n = a.length;
      assertThat(sum / n).isCloseTo(0, offset(4 / Math.sqrt(n)));
      assertThat(sq / n).isCloseTo(1, offset(4 * Math.sqrt(2 / n)));
      float[] u = NoiseStream.uniform(m, new Shape(20000), 7, Streams.SAMPLES).toFloatArray();
      double us = 0;
      for (float v : u) {
        assertThat(v).isBetween(0f, 1f);
        us += v;
      }
      assertThat(us / n).isCloseTo(0.5, offset(4 * Math.sqrt(1 / 12.0 / n)));
    }
  }
}
