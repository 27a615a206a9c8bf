package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;

/**
 * The shared conv networks keep the VAE of wave 1 exactly as it was: parameter names, shapes and
 * initial values for a seed, and the two networks' outputs, pinned from the VAE's own code before
 * {@link ConvNets} was split out of it (commit 48a7225).
 */
class ConvNetsTest {

  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  /** name, shape, Σ v, Σ v²·(j mod 7 + 1), last value; for seed 7, hidden 16, latent 3, 2x8x12. */
  static final String[][] PINNED = {
    {
      "encoder/02Conv2d_weight",
      "(32, 2, 4, 4)",
      "-7.424569156e-01",
      "4.297554750e+01",
      "1.635383219e-01"
    },
    {"encoder/02Conv2d_bias", "(32)", "1.362048679e-01", "1.047595303e+00", "7.718901336e-02"},
    {
      "encoder/04Conv2d_weight",
      "(64, 32, 4, 4)",
      "9.247751684e-01",
      "8.578678605e+01",
      "2.989778109e-02"
    },
    {"encoder/04Conv2d_bias", "(64)", "7.438209839e-02", "1.971238968e-01", "-8.938210085e-03"},
    {
      "encoder/07Linear_weight",
      "(16, 384)",
      "5.166726280e+00",
      "2.124130133e+01",
      "-3.780701756e-02"
    },
    {"encoder/07Linear_bias", "(16)", "-1.473349743e-01", "5.842699704e-02", "2.834219486e-02"},
    {
      "encoder/09Linear_weight", "(6, 16)", "-1.289592584e+00", "7.601057119e+00", "9.135597944e-02"
    },
    {"encoder/09Linear_bias", "(6)", "-4.683867209e-01", "3.349134642e-01", "-1.942923516e-01"},
    {
      "decoder/01Linear_weight", "(16, 3)", "-3.176679502e+00", "1.826389682e+01", "2.159114480e-01"
    },
    {"decoder/01Linear_bias", "(16)", "-1.513064928e+00", "8.634326890e+00", "-2.883092463e-01"},
    {
      "decoder/03Linear_weight",
      "(384, 16)",
      "1.367902134e+01",
      "5.075637343e+02",
      "-3.847278282e-02"
    },
    {"decoder/03Linear_bias", "(384)", "-3.985756277e+00", "3.201771433e+01", "-4.851232469e-02"},
    {
      "decoder/07Conv2d_weight",
      "(32, 64, 3, 3)",
      "-6.946982173e+00",
      "4.286854625e+01",
      "-4.147774726e-02"
    },
    {"decoder/07Conv2d_bias", "(32)", "-3.978074915e-02", "5.710147826e-02", "1.080959011e-02"},
    {
      "decoder/10Conv2d_weight",
      "(2, 32, 3, 3)",
      "4.460597844e-02",
      "2.860375478e+00",
      "-4.491626471e-02"
    },
    {"decoder/10Conv2d_bias", "(2)", "-2.708214521e-02", "7.236936666e-04", "-1.787294447e-02"},
  };

  @Test
  void theVaesConvParametersAndOutputsForASeedAreUnchanged() {
    VaeConfig c = new VaeConfig(Architecture.CONV, Likelihood.BERNOULLI, 16, 3, 0.1, 2, 8, 12);
    try (NDManager m = NDManager.newBaseManager();
        Vae v = Vae.create(c, 7, m)) {
      assertThat(v.parameterNames()).hasSize(PINNED.length);
      for (int i = 0; i < PINNED.length; i++) {
        NDArray p = v.parameterArrays().get(i);
        float[] f = p.toFloatArray();
        double s = 0;
        double q = 0;
        for (int j = 0; j < f.length; j++) {
          s += f[j];
          q += f[j] * (double) f[j] * (j % 7 + 1);
        }
        assertThat(v.parameterNames().get(i)).isEqualTo(PINNED[i][0]);
        assertThat(p.getShape().toString()).isEqualTo(PINNED[i][1]);
        // float32 values summed in double: equal up to the printed 10 digits
        assertThat(s).isCloseTo(Double.parseDouble(PINNED[i][2]), within(1e-8));
        assertThat(q).isCloseTo(Double.parseDouble(PINNED[i][3]), within(1e-6));
        assertThat((double) f[f.length - 1])
            .isCloseTo(Double.parseDouble(PINNED[i][4]), within(1e-10));
      }
      try (NDManager sub = m.newSubManager()) {
        float[] x = new float[2 * 8 * 12 * 2];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) ((j * 37 % 101) / 101.0);
        }
        float[] e = v.encode(sub.create(x, new Shape(2, 192)), false).get(0).toFloatArray();
        float[] d =
            v.decode(
                    sub.create(new float[] {0.3f, -0.7f, 1.1f, 0.5f, 0.2f, -0.4f}, new Shape(2, 3)),
                    false)
                .toFloatArray();
        double se = 0;
        double sd = 0;
        for (int j = 0; j < e.length; j++) {
          se += e[j] * (j + 1);
        }
        for (int j = 0; j < d.length; j++) {
          sd += d[j] * (j % 13 + 1);
        }
        assertThat(e).hasSize(6);
        assertThat(d).hasSize(384);
        // one thread, the same kernels: agreement far below float32's resolution of these sums
        assertThat(se).isCloseTo(-2.026345253e+00, within(1e-5));
        assertThat(sd).isCloseTo(-2.374828853e+01, within(1e-4));
      }
    }
  }

  @Test
  void sizesNotDivisibleByFourAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> ConvNets.decoder(1, 10, 8, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("arch conv needs image height and width divisible by 4, found 10x8");
    assertThatThrownBy(() -> ConvNets.encoder(0, 8, 8, 16, 4))
        .hasMessage("the conv networks need an image shape, found [0, 8, 8]");
  }
}
