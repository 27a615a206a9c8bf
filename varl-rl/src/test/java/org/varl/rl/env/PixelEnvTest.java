package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelEnvTest {

  /** The angle of the intensity centroid as seen from the image centre, θ = atan2(dx, −dy). */
  private static double centroidAngle(double[] frame, int size) {
    double sx = 0;
    double sy = 0;
    double sum = 0;
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double v = frame[r * size + c];
        sx += v * (c + 0.5 - size / 2.0);
        sy += v * (r + 0.5 - size / 2.0);
        sum += v;
      }
    }
    return Math.atan2(sx / sum, -sy / sum);
  }

  private static double angleDistance(double a, double b) {
    return Math.abs(Pendulum.angleNormalize(a - b));
  }

  @Test
  void renderingIsAPureFunctionOfTheStateInUnitBytes() {
    double[] a = PoleRenderer.render(Pendulum.ID, new double[] {0.7, 3.0}, 32);
    double[] b = PoleRenderer.render(Pendulum.ID, new double[] {0.7, -5.0}, 32);
    assertThat(a).containsExactly(b); // θ̇ is not visible in one frame
    assertThat(a).containsExactly(PoleRenderer.render(Pendulum.ID, new double[] {0.7, 3.0}, 32));
    assertThat(a).isNotEqualTo(PoleRenderer.render(Pendulum.ID, new double[] {0.8, 3.0}, 32));
    // θ and θ + 2π draw the same pole
    double[] wrapped = PoleRenderer.render(Pendulum.ID, new double[] {0.7 + 2 * Math.PI, 0}, 32);
    for (int i = 0; i < a.length; i++) {
      assertThat(wrapped[i]).isCloseTo(a[i], within(1.0 / 255 + 1e-9));
    }
    int on = 0;
    for (double v : a) {
      assertThat(v).isBetween(0.0, 1.0);
      assertThat((float) v).isEqualTo(Math.round(v * 255) / 255f); // exactly a byte / 255
      on += v > 0.5 ? 1 : 0;
    }
    // a bar of length 0.42 * 32 = 13.4 and width 2.9 pixels covers about 40-60 pixels
    assertThat(on).isBetween(35, 70);
  }

  @Test
  void theAngleIsRecoverableFromOneFrame() {
    for (int size : new int[] {16, 32, 64}) {
      for (int i = 0; i < 36; i++) {
        double theta = -Math.PI + i * 2 * Math.PI / 36 + 0.013;
        double[] frame = PoleRenderer.render(Pendulum.ID, new double[] {theta, 0}, size);
        assertThat(angleDistance(centroidAngle(frame, size), theta))
            .as("size %d theta %f", size, theta)
            .isLessThan(size >= 32 ? 0.02 : 0.05);
      }
    }
    // θ = 0 is upright: the bar lies above the centre (rows with smaller index)
    double[] up = PoleRenderer.render(Pendulum.ID, new double[] {0, 0}, 32);
    double top = 0;
    double bottom = 0;
    for (int r = 0; r < 32; r++) {
      for (int c = 0; c < 32; c++) {
        if (r < 15) {
          top += up[r * 32 + c];
        } else if (r > 17) {
          bottom += up[r * 32 + c];
        }
      }
    }
    assertThat(top).isGreaterThan(10);
    assertThat(bottom).isZero();
  }

  @Test
  void theStackHoldsTheLastFramesOldestFirst() {
    TimeLimit env = Envs.make("pendulum-pixels", new PixelOptions(24, 3));
    PixelEnv pixels = (PixelEnv) env.unwrapped();
    assertThat(pixels.imageShape()).isEqualTo(new ImageShape(3, 24, 24));
    assertThat(env.observationSpace().dimension()).isEqualTo(3 * 24 * 24);
    env.reset(5);
    List<double[]> states = new ArrayList<>();
    states.add(env.state());
    double[] obs = null;
    for (int t = 0; t < 4; t++) {
      Step s = env.step(new double[] {1.5});
      obs = s.observation();
      states.add(env.state());
    }
    int frame = 24 * 24;
    for (int k = 0; k < 3; k++) {
      double[] expected = PoleRenderer.render(Pendulum.ID, states.get(states.size() - 3 + k), 24);
      assertThat(Arrays.copyOfRange(obs, k * frame, (k + 1) * frame))
          .as("channel %d", k)
          .containsExactly(expected);
    }
    assertThat(pixels.newestFrame()).containsExactly(Arrays.copyOfRange(obs, 2 * frame, 3 * frame));
    // the dynamics, rewards and true state are Pendulum's
    TimeLimit plain = Envs.make("pendulum");
    plain.reset(5);
    env.reset(5);
    for (int t = 0; t < 3; t++) {
      Step a = plain.step(new double[] {-0.4});
      Step b = env.step(new double[] {-0.4});
      assertThat(b.reward()).isEqualTo(a.reward());
      assertThat(env.state()).containsExactly(plain.state());
    }
  }

  @Test
  void aResetOrSetStateFillsTheStackWithTheFirstFrame() {
    TimeLimit env = Envs.make("pendulum-pixels");
    double[] first = env.reset(3);
    int frame = 32 * 32;
    double[] f0 = PoleRenderer.render(Pendulum.ID, env.state(), 32);
    for (int k = 0; k < 3; k++) {
      assertThat(Arrays.copyOfRange(first, k * frame, (k + 1) * frame)).containsExactly(f0);
    }
    for (int t = 0; t < 5; t++) {
      env.step(new double[] {2});
    }
    double[] again = env.reset();
    double[] f1 = PoleRenderer.render(Pendulum.ID, env.state(), 32);
    for (int k = 0; k < 3; k++) {
      assertThat(Arrays.copyOfRange(again, k * frame, (k + 1) * frame)).containsExactly(f1);
    }
    double[] set = env.setState(new double[] {1.0, 0.5});
    assertThat(Arrays.copyOfRange(set, 0, frame))
        .containsExactly(PoleRenderer.render(Pendulum.ID, new double[] {1.0, 0.5}, 32));
    assertThat(Arrays.copyOfRange(set, 2 * frame, 3 * frame))
        .containsExactly(Arrays.copyOfRange(set, 0, frame));
    // same seed, same frames
    assertThat(Envs.make("pendulum-pixels").reset(3)).containsExactly(first);
  }

  @Test
  void cartPolePixelsShowTheCartPositionAndThePoleAngle() {
    TimeLimit env = Envs.make("cartpole-pixels", new PixelOptions(32, 2));
    double[] obs = env.reset(1);
    assertThat(obs).hasSize(2 * 32 * 32);
    assertThat(env.actionSpace()).isInstanceOf(Discrete.class);
    double left = columnCentroid(PoleRenderer.render(CartPole.ID, new double[] {-1, 0, 0, 0}, 32));
    double right = columnCentroid(PoleRenderer.render(CartPole.ID, new double[] {1, 0, 0, 0}, 32));
    // x = ±1 of the ±2.4 track on 80% of 32 pixels: ±5.33 pixels
    assertThat(right - left).isCloseTo(2 * 0.8 * 32 / 4.8, within(0.3));
    double tiltL =
        columnCentroid(PoleRenderer.render(CartPole.ID, new double[] {0, 0, -0.2, 0}, 32));
    double tiltR =
        columnCentroid(PoleRenderer.render(CartPole.ID, new double[] {0, 0, 0.2, 0}, 32));
    assertThat(tiltR).isGreaterThan(tiltL + 0.5);
  }

  private static double columnCentroid(double[] frame) {
    double sx = 0;
    double sum = 0;
    for (int i = 0; i < frame.length; i++) {
      sx += frame[i] * (i % 32 + 0.5);
      sum += frame[i];
    }
    return sx / sum;
  }

  @Test
  void badOptionsAndEnvironmentsAreNamed() {
    assertThatThrownBy(() -> new PixelOptions(4, 3))
        .hasMessage("image-size must be in [8, 256], found 4");
    assertThatThrownBy(() -> new PixelOptions(32, 0))
        .hasMessage("frame-stack must be in [1, 16], found 0");
    assertThatThrownBy(() -> new PixelEnv(new MountainCarContinuous(), PixelOptions.defaults()))
        .hasMessageContaining("no renderer for MountainCarContinuous-v0");
    assertThat(Envs.isPixels("pendulum-pixels")).isTrue();
    assertThat(Envs.isPixels("pendulum")).isFalse();
  }
}
