package org.varl.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShapesTest {

  private static final int N = 3000;
  private static final ArrayDataset SPRITES = Shapes.generate(N, 42);
  private static final int D = 28 * 28;

  @Test
  void sameSeedSameSpritesOtherSeedOtherSprites() {
    ArrayDataset again = Shapes.generate(N, 42);
    ArrayDataset other = Shapes.generate(N, 43);

    assertThat(again.features()).isEqualTo(SPRITES.features());
    assertThat(again.factors().orElseThrow()).isDeepEqualTo(SPRITES.factors().orElseThrow());
    assertThat(other.features()).isNotEqualTo(SPRITES.features());
  }

  @Test
  void spriteIDoesNotDependOnTheCount() {
    ArrayDataset prefix = Shapes.generate(100, 42);

    assertThat(prefix.features()).isEqualTo(Arrays.copyOf(SPRITES.features(), 100 * D));
  }

  @Test
  void datasetCarriesImageShapeLabelsAndFactorNames() {
    assertThat(SPRITES.size()).isEqualTo(N);
    assertThat(SPRITES.dimension()).isEqualTo(D);
    assertThat(SPRITES.imageShape()).containsExactly(28, 28);
    assertThat(SPRITES.factorNames()).containsExactly("shape", "scale", "rotation", "x", "y");
    assertThat(SPRITES.name()).isEqualTo("shapes");
    int[] labels = SPRITES.labels().orElseThrow();
    double[][] f = SPRITES.factors().orElseThrow();
    for (int i = 0; i < N; i++) {
      assertThat(labels[i]).isEqualTo((int) f[i][0]);
    }
  }

  @Test
  void factorsLieInTheirDocumentedRangesAndCoverThem() {
    double[][] f = SPRITES.factors().orElseThrow();
    int[] perShape = new int[3];
    double[] min = {
      Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE
    };
    double[] max = {-1, -1, -1, -1, -1};
    for (double[] row : f) {
      assertThat(row[0]).isIn(0.0, 1.0, 2.0);
      assertThat(row[1]).isBetween(0.5, 1.0);
      assertThat(row[2]).isBetween(0.0, Math.PI / 4);
      assertThat(row[3]).isBetween(9.5, 18.5);
      assertThat(row[4]).isBetween(9.5, 18.5);
      perShape[(int) row[0]]++;
      for (int j = 0; j < 5; j++) {
        min[j] = Math.min(min[j], row[j]);
        max[j] = Math.max(max[j], row[j]);
      }
    }
    // Uniform shapes: each count is N/3 = 1000 with binomial sd 25.8; 130 is 5 sd.
    for (int c : perShape) {
      assertThat(c).isBetween(870, 1130);
    }
    // Uniform continuous factors reach close to both ends of their range in 3000 draws.
    assertThat(min).containsExactly(new double[] {0, 0.5, 0, 9.5, 9.5}, within(0.02));
    assertThat(max).containsExactly(new double[] {2, 1.0, Math.PI / 4, 18.5, 18.5}, within(0.02));
  }

  @Test
  void spritesAreBinaryNonEmptyAndClearOfTheBorder() {
    float[] x = SPRITES.features();
    for (int i = 0; i < N; i++) {
      int on = 0;
      for (int p = 0; p < D; p++) {
        float v = x[i * D + p];
        assertThat(v).isIn(0f, 1f);
        if (v == 1f) {
          on++;
          int r = p / 28;
          int c = p % 28;
          assertThat(r).as("sprite %d row", i).isBetween(1, 26);
          assertThat(c).as("sprite %d column", i).isBetween(1, 26);
        }
      }
      // The smallest sprite, a triangle of circumradius 4, covers about 21 pixels.
      assertThat(on).as("sprite %d pixels", i).isGreaterThanOrEqualTo(12);
    }
  }

  @Test
  void pixelCentroidIsTheFactorPosition() {
    double[][] f = SPRITES.factors().orElseThrow();
    float[] x = SPRITES.features();
    for (int i = 0; i < N; i++) {
      double sx = 0;
      double sy = 0;
      int on = 0;
      for (int p = 0; p < D; p++) {
        if (x[i * D + p] == 1f) {
          sx += p % 28 + 0.5;
          sy += p / 28 + 0.5;
          on++;
        }
      }
      // All three shapes have their centroid at the centre; pixelation moves it by well under a
      // pixel.
      assertThat(sx / on).as("sprite %d x", i).isCloseTo(f[i][3], within(0.6));
      assertThat(sy / on).as("sprite %d y", i).isCloseTo(f[i][4], within(0.6));
    }
  }

  @Test
  void pixelCountMatchesTheAnalyticAreaOnAverage() {
    double[][] f = SPRITES.factors().orElseThrow();
    float[] x = SPRITES.features();
    double[] ratioSum = new double[3];
    int[] count = new int[3];
    for (int i = 0; i < N; i++) {
      int on = 0;
      for (int p = 0; p < D; p++) {
        on += (int) x[i * D + p];
      }
      double r = Shapes.MAX_RADIUS * f[i][1];
      int shape = (int) f[i][0];
      double area =
          switch (shape) {
            case Shapes.SQUARE -> 2 * r * r; // diagonal 2R
            case Shapes.ELLIPSE -> Math.PI * r * 0.6 * r; // semi-axes R and 0.6 R
            default -> 3 * Math.sqrt(3) / 4 * r * r; // equilateral, circumradius R
          };
      ratioSum[shape] += on / area;
      count[shape]++;
    }
    for (int s = 0; s < 3; s++) {
      assertThat(ratioSum[s] / count[s]).as("shape %d", s).isCloseTo(1.0, within(0.03));
    }
  }

  @Test
  void ellipseMajorAxisFollowsTheRotationFactor() {
    for (double rotation : new double[] {0.0, 0.3, 0.6, Math.PI / 4}) {
      float[] img = Shapes.render(Shapes.ELLIPSE, 1.0, rotation, 14, 14);
      // Second moments in y-up coordinates; the principal axis angle is atan2(2 mu11, mu20 - mu02)
      // / 2.
      double mx = 0;
      double my = 0;
      int on = 0;
      for (int p = 0; p < D; p++) {
        if (img[p] == 1f) {
          mx += p % 28 + 0.5;
          my += -(p / 28 + 0.5);
          on++;
        }
      }
      mx /= on;
      my /= on;
      double mu20 = 0;
      double mu02 = 0;
      double mu11 = 0;
      for (int p = 0; p < D; p++) {
        if (img[p] == 1f) {
          double dx = p % 28 + 0.5 - mx;
          double dy = -(p / 28 + 0.5) - my;
          mu20 += dx * dx;
          mu02 += dy * dy;
          mu11 += dx * dy;
        }
      }
      double angle = 0.5 * Math.atan2(2 * mu11, mu20 - mu02);
      assertThat(angle).as("rotation %f", rotation).isCloseTo(rotation, within(0.05));
    }
  }

  @Test
  void theThreeShapesAreDistinguishableUnderEqualOtherFactors() {
    double[][] f = SPRITES.factors().orElseThrow();
    for (int i = 0; i < 300; i++) {
      float[][] img = new float[3][];
      for (int s = 0; s < 3; s++) {
        img[s] = Shapes.render(s, f[i][1], f[i][2], f[i][3], f[i][4]);
      }
      for (int a = 0; a < 3; a++) {
        for (int b = a + 1; b < 3; b++) {
          int diff = 0;
          for (int p = 0; p < D; p++) {
            diff += img[a][p] != img[b][p] ? 1 : 0;
          }
          assertThat(diff).as("sprite %d, shapes %d vs %d", i, a, b).isGreaterThanOrEqualTo(5);
        }
      }
    }
  }

  @Test
  void renderRejectsAnUnknownShape() {
    assertThatThrownBy(() -> Shapes.render(3, 1, 0, 14, 14))
        .hasMessage("shape must be 0 (square), 1 (ellipse) or 2 (triangle), found 3");
    assertThatThrownBy(() -> Shapes.generate(-1, 0))
        .hasMessage("shapesCount must be in [0, 2000000], found -1");
  }

  @Property(tries = 300)
  void anySpriteInTheFactorRangesStaysInsideTheFrame(
      @ForAll @IntRange(min = 0, max = 2) int shape,
      @ForAll @DoubleRange(min = 0.5, max = 1.0) double scale,
      @ForAll @DoubleRange(min = 0, max = 1) double rotationFraction,
      @ForAll @DoubleRange(min = 9.5, max = 18.5) double x,
      @ForAll @DoubleRange(min = 9.5, max = 18.5) double y) {
    float[] img = Shapes.render(shape, scale, rotationFraction * Shapes.MAX_ROTATION, x, y);
    int on = 0;
    for (int p = 0; p < D; p++) {
      if (img[p] != 0f) {
        on++;
        assertThat(p / 28).isBetween(1, 26);
        assertThat(p % 28).isBetween(1, 26);
      }
    }
    assertThat(on).isGreaterThanOrEqualTo(12);
  }
}
