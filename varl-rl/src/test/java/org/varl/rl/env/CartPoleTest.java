package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * CartPole-v1 against hand-computed Euler steps of Gymnasium's equations (the values are printed by
 * src/test/resources/org/varl/rl/env/classic_control_reference.py).
 */
class CartPoleTest {

  private static final double TOL = 1e-12;

  @Test
  void aPushRightIsOneEulerStepOfTheCartPoleEquations() {
    CartPole env = new CartPole();
    env.setState(new double[] {0.01, -0.02, 0.03, 0.04});
    Step step = env.step(new double[] {1});
    // Euler: x and θ move with the old rates (x′ = 0.01 − 0.02·0.02, θ′ = 0.03 + 0.02·0.04).
    assertThat(env.state())
        .containsExactly(
            new double[] {0.009600000000000001, 0.17467919574755525, 0.0308, -0.2430687179600081},
            offset(TOL));
    assertThat(step.reward()).isEqualTo(1.0);
    assertThat(step.terminated()).isFalse();
    assertThat(step.truncated()).isFalse();
    double[] s = env.state();
    assertThat(step.observation())
        .containsExactly((float) s[0], (float) s[1], (float) s[2], (float) s[3]);
  }

  @Test
  void aPushLeftFromATiltedState() {
    CartPole env = new CartPole();
    env.setState(new double[] {-0.5, 0.3, -0.1, -0.2});
    env.step(new double[] {0});
    assertThat(env.state())
        .containsExactly(
            new double[] {-0.494, 0.10643991517348808, -0.104, 0.05953861145675354}, offset(TOL));
  }

  @Test
  void terminatesBeyondTheCartOrAngleThresholdWithRewardOneThenRefusesToStep() {
    CartPole cart = new CartPole();
    cart.setState(new double[] {2.39, 1.0, 0.0, 0.0});
    Step out = cart.step(new double[] {1});
    assertThat(cart.state()[0]).isCloseTo(2.41, offset(TOL));
    assertThat(out.terminated()).isTrue();
    assertThat(out.reward()).isEqualTo(1.0);
    assertThatThrownBy(() -> cart.step(new double[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("terminated")
        .hasMessageContaining("reset");

    CartPole pole = new CartPole();
    pole.setState(new double[] {0.0, 0.0, 0.2, 0.5});
    Step fell = pole.step(new double[] {0});
    // θ′ = 0.21 > 12° = 0.20944 rad.
    assertThat(pole.state()[2]).isCloseTo(0.21, offset(TOL));
    assertThat(fell.terminated()).isTrue();
    assertThat(pole.state())
        .containsExactly(
            new double[] {0.0, -0.19729611610711978, 0.21, 0.8484537772554577}, offset(TOL));

    CartPole inside = new CartPole();
    inside.setState(new double[] {0.0, 0.0, 0.19, 0.5});
    assertThat(inside.step(new double[] {0}).terminated()).isFalse(); // θ′ = 0.2 < 0.20944
    assertThat(CartPole.THETA_THRESHOLD_RADIANS).isCloseTo(Math.toRadians(12), offset(1e-15));

    pole.reset(4);
    assertThat(pole.step(new double[] {0}).terminated()).isFalse();
  }

  @Test
  void resetDrawsEachCoordinateFromUMinus005To005() {
    CartPole env = new CartPole();
    env.reset(5);
    double[] min = {1, 1, 1, 1};
    double[] max = {-1, -1, -1, -1};
    for (int i = 0; i < 2000; i++) {
      env.reset();
      double[] s = env.state();
      for (int k = 0; k < 4; k++) {
        min[k] = Math.min(min[k], s[k]);
        max[k] = Math.max(max[k], s[k]);
      }
    }
    for (int k = 0; k < 4; k++) {
      assertThat(min[k]).as("min %d", k).isGreaterThanOrEqualTo(-0.05).isLessThan(-0.049);
      assertThat(max[k]).as("max %d", k).isLessThan(0.05).isGreaterThan(0.049);
    }
    assertThat(new CartPole().reset(9)).containsExactly(new CartPole().reset(9));
  }

  @Test
  void theRegisteredOneRunsAtMost500StepsAndCountsOnePerStep() {
    TimeLimit env = Envs.make("CartPole-v1");
    assertThat(env.maxEpisodeSteps()).isEqualTo(500);
    env.reset(0);
    // Alternating pushes keep the pole up for a while, but a fixed push to the right ends soon.
    double total = 0;
    Step step;
    do {
      step = env.step(new double[] {1});
      total += step.reward();
    } while (!step.done());
    assertThat(step.terminated()).isTrue();
    assertThat(step.truncated()).isFalse();
    assertThat(total).isEqualTo(env.elapsedSteps()).isLessThan(500);
  }

  @Test
  void actionsMustBeZeroOrOne() {
    CartPole env = new CartPole();
    env.reset(1);
    assertThatThrownBy(() -> env.step(new double[] {2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must be an integer in [0, 2), found 2.0 at index 0");
    assertThatThrownBy(() -> env.step(new double[] {0.5}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> env.step(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN at index 0");
    assertThatThrownBy(() -> env.step(new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must have length 1, found 2");
    assertThatThrownBy(() -> env.setState(new double[] {0, 0, Double.NaN, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state must be finite, found NaN at index 2");
  }
}
