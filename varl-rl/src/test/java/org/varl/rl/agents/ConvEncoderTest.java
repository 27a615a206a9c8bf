package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.rl.env.ImageShape;

/**
 * The encoder's shapes, its determinism for a seed, and its forward pass against an independent
 * double-precision computation from its weights (convolution, fc, layer norm, tanh).
 */
class ConvEncoderTest {

  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  private static float[] image(int n, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    return x;
  }

  @Test
  void threeByThirtyTwoSquaredGivesFiftyFeaturesThroughThirteenByThirteen() {
    ImageShape shape = new ImageShape(3, 32, 32);
    ConvEncoderConfig c = ConvEncoderConfig.defaults();
    assertThat(ConvEncoder.outputExtent(shape, c)).containsExactly(13, 13);
    assertThat(ConvEncoder.outputExtent(shape, c.withLayers(3))).containsExactly(11, 11);
    try (NDManager m = NDManager.newBaseManager()) {
      ConvEncoder e = ConvEncoder.create(m, new SplittableRandom(1), shape, c);
      assertThat(e.flatSize()).isEqualTo(32 * 13 * 13);
      assertThat(e.parameters()).hasSize(8);
      assertThat(e.parameters().get(0).getShape()).isEqualTo(new Shape(32, 3, 3, 3));
      assertThat(e.parameters().get(2).getShape()).isEqualTo(new Shape(32, 32, 3, 3));
      assertThat(e.parameters().get(4).getShape()).isEqualTo(new Shape(50, 5408));
      assertThat(e.parameterNames())
          .containsExactly(
              "convs.0.weight",
              "convs.0.bias",
              "convs.1.weight",
              "convs.1.bias",
              "fc.weight",
              "fc.bias",
              "ln.weight",
              "ln.bias");
      NDArray z = e.forward(m.create(image(4, shape.size(), 2), new Shape(4, shape.size())));
      assertThat(z.getShape()).isEqualTo(new Shape(4, 50));
      for (float v : z.toFloatArray()) {
        assertThat(Math.abs(v)).isLessThan(1f);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameEncoderAndAnotherSeedAnother() {
    ImageShape shape = new ImageShape(2, 12, 12);
    ConvEncoderConfig c = ConvEncoderConfig.defaults().withFilters(4).withFeatures(6);
    float[] x = image(3, shape.size(), 5);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] a = encode(m, 7, shape, c, x);
      float[] b = encode(m, 7, shape, c, x);
      float[] other = encode(m, 8, shape, c, x);
      assertThat(a).containsExactly(b);
      assertThat(a).isNotEqualTo(other);
    }
  }

  private static float[] encode(
      NDManager m, long seed, ImageShape shape, ConvEncoderConfig c, float[] x) {
    ConvEncoder e = ConvEncoder.create(m, new SplittableRandom(seed), shape, c);
    return e.forward(m.create(x, new Shape(x.length / shape.size(), shape.size()))).toFloatArray();
  }

  @Test
  void theActorsEncoderSharesTheConvolutionArraysAndHasItsOwnHead() {
    ImageShape shape = new ImageShape(1, 8, 8);
    ConvEncoderConfig c = ConvEncoderConfig.defaults().withFilters(3).withFeatures(4);
    try (NDManager m = NDManager.newBaseManager()) {
      SplittableRandom r = new SplittableRandom(3);
      ConvEncoder critic = ConvEncoder.create(m, r, shape, c);
      ConvEncoder actor = critic.withOwnHead(m, r);
      for (int i = 0; i < critic.convParameters().size(); i++) {
        assertThat(actor.convParameters().get(i)).isSameAs(critic.convParameters().get(i));
      }
      assertThat(actor.headParameters().get(0).toFloatArray())
          .isNotEqualTo(critic.headParameters().get(0).toFloatArray());
    }
  }

  @Test
  void forwardMatchesADoublePrecisionComputationFromTheWeights() {
    // Two channels of 7x6 through one stride-2 layer (3x2), and 7x7 -> 3x3 -> 1x1 through two.
    check(new ImageShape(2, 7, 6), new ConvEncoderConfig(1, 3, 4, 0.05));
    check(new ImageShape(1, 7, 7), new ConvEncoderConfig(2, 2, 3, 0.05));
  }

  private static void check(ImageShape shape, ConvEncoderConfig c) {
    int n = 2;
    float[] x = image(n, shape.size(), 11);
    try (NDManager m = NDManager.newBaseManager()) {
      ConvEncoder e = ConvEncoder.create(m, new SplittableRandom(4), shape, c);
      // A non-trivial layer norm: gain and shift away from 1 and 0.
      e.headParameters().get(2).muli(1.5f);
      e.headParameters().get(3).addi(0.25f);
      float[] z = e.forward(m.create(x, new Shape(n, shape.size()))).toFloatArray();
      for (int i = 0; i < n; i++) {
        double[] ref = reference(e, shape, c, x, i);
        for (int k = 0; k < c.features(); k++) {
          assertThat((double) z[i * c.features() + k]).isCloseTo(ref[k], within(1e-5));
        }
      }
    }
  }

  /** The encoder of row {@code i} in double precision, loop by loop. */
  private static double[] reference(
      ConvEncoder e, ImageShape shape, ConvEncoderConfig c, float[] x, int i) {
    int ch = shape.channels();
    int h = shape.height();
    int w = shape.width();
    double[] cur = new double[ch * h * w];
    for (int j = 0; j < cur.length; j++) {
      cur[j] = x[i * shape.size() + j];
    }
    for (int l = 0; l < c.layers(); l++) {
      int stride = l == 0 ? 2 : 1;
      int oh = (h - 3) / stride + 1;
      int ow = (w - 3) / stride + 1;
      float[] wt = e.convParameters().get(2 * l).toFloatArray();
      float[] b = e.convParameters().get(2 * l + 1).toFloatArray();
      int f = c.filters();
      double[] out = new double[f * oh * ow];
      for (int o = 0; o < f; o++) {
        for (int r = 0; r < oh; r++) {
          for (int q = 0; q < ow; q++) {
            double s = b[o];
            for (int a = 0; a < ch; a++) {
              for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                  s +=
                      wt[((o * ch + a) * 3 + u) * 3 + v]
                          * cur[(a * h + r * stride + u) * w + q * stride + v];
                }
              }
            }
            out[(o * oh + r) * ow + q] = Math.max(0, s);
          }
        }
      }
      cur = out;
      ch = f;
      h = oh;
      w = ow;
    }
    float[] fw = e.headParameters().get(0).toFloatArray();
    float[] fb = e.headParameters().get(1).toFloatArray();
    float[] gain = e.headParameters().get(2).toFloatArray();
    float[] shift = e.headParameters().get(3).toFloatArray();
    int d = c.features();
    double[] y = new double[d];
    double mean = 0;
    for (int k = 0; k < d; k++) {
      double s = fb[k];
      for (int j = 0; j < cur.length; j++) {
        s += fw[k * cur.length + j] * cur[j];
      }
      y[k] = s;
      mean += s / d;
    }
    double var = 0;
    for (int k = 0; k < d; k++) {
      var += (y[k] - mean) * (y[k] - mean) / d;
    }
    double[] z = new double[d];
    for (int k = 0; k < d; k++) {
      z[k] = Math.tanh(gain[k] * (y[k] - mean) / Math.sqrt(var + 1e-5) + shift[k]);
    }
    return z;
  }

  @Test
  void anImageTooSmallOrAWrongInputIsRefusedNamingTheSizes() {
    assertThatThrownBy(
            () -> ConvEncoder.outputExtent(new ImageShape(1, 5, 5), ConvEncoderConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image 5x5 is too small for 2 3x3 convolutions");
    try (NDManager m = NDManager.newBaseManager()) {
      ConvEncoder e =
          ConvEncoder.create(
              m, new SplittableRandom(1), new ImageShape(1, 8, 8), ConvEncoderConfig.defaults());
      assertThatThrownBy(() -> e.forward(m.zeros(new Shape(2, 63))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("encoder input must be [n, 64], found (2, 63)");
    }
  }
}
