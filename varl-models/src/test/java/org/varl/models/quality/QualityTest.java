package org.varl.models.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.models.toy.Checkerboard;
import org.varl.models.toy.EightGaussians;

/** Energy distance, exact W2 and the sample-quality summary on cases with known answers. */
class QualityTest {

  @Test
  void energyDistanceIsZeroForIdenticalSetsAndPositiveOtherwise() {
    float[] a = new EightGaussians().sample(300, new SplittableRandom(1));
    float[] b = new EightGaussians().sample(300, new SplittableRandom(2));
    assertThat(EnergyDistance.of(a, a, 2)).isCloseTo(0.0, within(1e-12));
    double same = EnergyDistance.of(a, b, 2);
    float[] shifted = a.clone();
    for (int i = 0; i < shifted.length; i += 2) {
      shifted[i] += 1f;
    }
    assertThat(same).isGreaterThan(0);
    assertThat(EnergyDistance.of(shifted, b, 2)).isGreaterThan(3 * same);
  }

  @Test
  void energyDistanceOfTwoSinglePointsIsTwiceTheirDistance() {
    // 2|a − b| − 0 − 0 (the V-statistic's own-pair means are 0 for one point).
    assertThat(EnergyDistance.of(new float[] {0, 0}, new float[] {3, 4}, 2))
        .isCloseTo(10.0, within(1e-12));
  }

  @Test
  void exactW2OfAShiftedCopyIsTheShiftAndOfAPermutationIsZero() {
    float[] a = new Checkerboard().sample(100, new SplittableRandom(4));
    float[] shifted = a.clone();
    float[] reversed = new float[a.length];
    for (int i = 0; i < a.length / 2; i++) {
      shifted[2 * i] += 0.3f;
      shifted[2 * i + 1] -= 0.4f;
      reversed[2 * (99 - i)] = a[2 * i];
      reversed[2 * (99 - i) + 1] = a[2 * i + 1];
    }
    assertThat(Wasserstein.w2(a, reversed, 2)).isCloseTo(0.0, within(1e-12));
    // A translation by s moves every point by |s| and no coupling does better (W2 ≥ |mean shift|).
    assertThat(Wasserstein.w2(a, shifted, 2)).isCloseTo(0.5, within(1e-6));
  }

  @Test
  void dataAgainstItselfScoresLikeTheData() {
    EightGaussians data = new EightGaussians();
    float[] s = data.sample(1000, new SplittableRandom(5));
    SampleQuality q = SampleQuality.evaluate(data, s, new SplittableRandom(6), true);
    double h = data.entropy().orElseThrow();
    assertThat(q.points()).isEqualTo(1000);
    assertThat(q.sampleLogp()).isCloseTo(-h, within(0.15));
    assertThat(q.dataLogp()).isCloseTo(-h, within(0.15));
    assertThat(q.offSupport()).isEqualTo(0.0);
    assertThat(q.energyDistance()).isLessThan(0.02);
    for (double f : q.modeFractions()) {
      assertThat(f).isCloseTo(0.125, within(0.04));
    }
    // A collapsed model (every sample at one center) is sharp but far away.
    float[] collapsed = new float[2000];
    for (int i = 0; i < 1000; i++) {
      collapsed[2 * i] = 4f;
    }
    SampleQuality c = SampleQuality.evaluate(data, collapsed, new SplittableRandom(6), true);
    assertThat(c.energyDistance()).isGreaterThan(50 * q.energyDistance());
    assertThat(c.w2()).isGreaterThan(3 * q.w2());
    assertThat(c.sampleLogp()).isGreaterThan(q.sampleLogp());
    assertThat(c.modeFractions()[0]).isEqualTo(1.0, within(1e-9));
  }

  @Test
  void checkerboardSamplesOffTheSquaresAreCounted() {
    float[] s = {-3, -3, -1, -3, 1, -3, -3, -1};
    SampleQuality q = SampleQuality.evaluate(new Checkerboard(), s, new SplittableRandom(1), false);
    assertThat(q.offSupport()).isCloseTo(0.5, within(1e-12));
    assertThat(q.sampleLogp()).isCloseTo(-Math.log(32), within(1e-12));
    assertThat(q.w2()).isNaN();
    assertThat(q.modeFractions()).isEmpty();
  }
}
