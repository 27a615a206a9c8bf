package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinarizerTest {

  @Test
  void sameSeedEpochAndStepGiveTheSameDrawWhateverCameBefore() {
    float[] x = new float[784];
    Arrays.fill(x, 0.5f);
    Binarizer b = new Binarizer(17);

    float[] first = b.binarize(x, 3, 41);
    b.binarize(x, 3, 40);
    new Binarizer(18).binarize(x, 3, 41);
    float[] again = new Binarizer(17).binarize(x, 3, 41);

    assertThat(again).isEqualTo(first);
    assertThat(b.binarize(x, 3, 42)).isNotEqualTo(first);
    assertThat(b.binarize(x, 4, 41)).isNotEqualTo(first);
    assertThat(new Binarizer(18).binarize(x, 3, 41)).isNotEqualTo(first);
  }

  @Test
  void outputIsBinaryWithMeanEqualToTheIntensity() {
    Binarizer b = new Binarizer(5);
    for (float p : new float[] {0.05f, 0.3f, 0.5f, 0.9f}) {
      float[] x = new float[100_000];
      Arrays.fill(x, p);
      float[] y = b.binarize(x, 0, (long) (p * 100));
      double mean = 0;
      for (float v : y) {
        assertThat(v).isIn(0f, 1f);
        mean += v;
      }
      mean /= y.length;
      // Bernoulli(p) mean of 1e5 draws: sd <= 0.0016; 0.008 is 5 sd.
      assertThat(mean).as("intensity %f", p).isCloseTo(p, within(0.008));
    }
  }

  @Test
  void zeroAndOneAreKeptExactly() {
    float[] x = new float[10_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 2;
    }

    assertThat(new Binarizer(1).binarize(x, 0, 0)).isEqualTo(x);
  }

  @Test
  void binarizesInPlaceAndChecksTheRange() {
    float[] x = {0.2f, 0.7f, 1f};
    float[] expected = new Binarizer(2).binarize(x, 1, 1);

    assertThat(new Binarizer(2).binarizeInto(x, x, 1, 1)).isSameAs(x).isEqualTo(expected);
    float[] bad = {0.1f, 1.5f};
    assertThatThrownBy(() -> new Binarizer(2).binarizeInto(bad, bad, 0, 0))
        .hasMessage("binarization needs intensities in [0, 1], found 1.5 at index 1");
    assertThat(bad).containsExactly(0.1f, 1.5f); // nothing half-written
  }

  @Test
  void matchesARealIntensityImageOnAverage() {
    // One shapes-like grey image binarized 2000 times: per-pixel frequencies approach the
    // intensities.
    float[] x = new float[64];
    for (int i = 0; i < 64; i++) {
      x[i] = i / 63f;
    }
    double[] freq = new double[64];
    Binarizer b = new Binarizer(11);
    for (int step = 0; step < 2000; step++) {
      float[] y = b.binarize(x, 0, step);
      for (int i = 0; i < 64; i++) {
        freq[i] += y[i] / 2000.0;
      }
    }
    for (int i = 0; i < 64; i++) {
      // sd <= sqrt(0.25 / 2000) = 0.0112; 0.056 is 5 sd.
      assertThat(freq[i]).isCloseTo(x[i], within(0.056));
    }
  }
}
