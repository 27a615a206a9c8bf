package org.varl.rl.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.Likelihood;
import org.varl.models.vae.Vae;
import org.varl.models.vae.VaeConfig;
import org.varl.rl.env.Envs;
import org.varl.rl.env.ImageShape;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;
import org.varl.testing.ResourceCounts;

class ObservationEncoderTest {

  private static Vae vae(NDManager m, int size, int latent) {
    return Vae.create(
        new VaeConfig(Architecture.CONV, Likelihood.BERNOULLI, 16, latent, 0.1, 1, size, size),
        3,
        m);
  }

  @Test
  void eachFrameIsEncodedToItsLatentMeanAndTheMeansAreConcatenatedOldestFirst() {
    EngineSetup.threads(1);
    try (NDManager root = NDManager.newBaseManager();
        Vae vae = vae(root, 16, 3)) {
      TimeLimit pixels = Envs.make("pendulum-pixels", new PixelOptions(16, 3));
      ObservationEncoder enc =
          ObservationEncoder.of(vae, new ImageShape(3, 16, 16), "test encoder");
      assertThat(enc.dimension()).isEqualTo(9);
      EncodedEnv env = new EncodedEnv(Envs.make("pendulum-pixels", new PixelOptions(16, 3)), enc);
      assertThat(env.observationSpace().dimension()).isEqualTo(9);
      double[] raw0 = pixels.reset(7);
      double[] z0 = env.reset(7);
      pixels.step(new double[] {2});
      double[] raw2 = pixels.step(new double[] {2}).observation();
      env.step(new double[] {2});
      Step s = env.step(new double[] {2});
      assertThat(env.state()).containsExactly(pixels.state());
      // the encoding of a stack = the VAE means of its three frames, one forward pass each
      for (int k = 0; k < 3; k++) {
        double[] frame = Arrays.copyOfRange(raw2, k * 256, (k + 1) * 256);
        float[] f = new float[256];
        for (int i = 0; i < 256; i++) {
          f[i] = (float) frame[i];
        }
        try (NDManager m = root.newSubManager()) {
          float[] mu = vae.encode(m.create(f, new Shape(1, 256)), false).get(0).toFloatArray();
          for (int j = 0; j < 3; j++) {
            // batch 3 vs batch 1 may take another conv kernel: float rounding only
            assertThat(s.observation()[k * 3 + j]).isCloseTo(mu[j], within(1e-6));
          }
        }
      }
      // after a reset the stack holds one frame three times: three equal latents
      assertThat(Arrays.copyOfRange(z0, 0, 3)).containsExactly(Arrays.copyOfRange(z0, 6, 9));
      assertThat(EncodedEnv.fromBytes(env.lastRaw())).containsExactly(raw2);
      assertThat(env.reencodeLast()).containsExactly(s.observation());
      assertThat(enc.encode(raw0)).containsExactly(z0);
      // native memory stays flat over many encodings
      ResourceCounts.assertFlatOver(root, 50, i -> env.step(new double[] {0.1}));
    }
  }

  @Test
  void framesThatDoNotFitTheVaeAreOneLine() {
    try (NDManager root = NDManager.newBaseManager();
        Vae vae = vae(root, 16, 2)) {
      assertThatThrownBy(
              () -> ObservationEncoder.of(vae, new ImageShape(3, 32, 32), "--encoder vae:run"))
          .hasMessage(
              "--encoder vae:run: the VAE reads frames of 1x16x16, the environment renders 1x32x32"
                  + " frames (--image-size 32); train the VAE on frames of this size");
      ObservationEncoder enc = ObservationEncoder.of(vae, new ImageShape(2, 16, 16), "e");
      assertThatThrownBy(
              () -> new EncodedEnv(Envs.make("pendulum-pixels", new PixelOptions(16, 3)), enc))
          .hasMessageContaining("the encoder reads observations of");
      assertThatThrownBy(() -> new EncodedEnv(Envs.make("pendulum"), enc))
          .hasMessage(
              "Pendulum-v1 has no image observations: use pendulum-pixels or cartpole-pixels");
    }
  }
}
