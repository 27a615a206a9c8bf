package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * MountainCarContinuous-v0 against hand-computed steps of Gymnasium's equations (the values are
 * printed by src/test/resources/org/varl/rl/env/classic_control_reference.py).
 */
class MountainCarContinuousTest {

  private static final double TOL = 1e-12;

  @Test
  void oneStepAddsThePushAndGravityThenStoresTheStateAsFloat32() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {-0.5, 0.0});
    Step step = env.step(new double[] {0.8});
    // v′ = 0.8·0.0015 − 0.0025 cos(−1.5), p′ = −0.5 + v′, both rounded to float32.
    assertThat(env.state()).containsExactly(-0.49897685647010803, 0.0010231570340692997);
    assertThat(step.observation()).containsExactly(env.state());
    assertThat(step.reward()).isCloseTo(-0.064, offset(TOL));
    assertThat(step.terminated()).isFalse();
  }

  @Test
  void theLeftWallStopsTheCar() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {-1.19, -0.05});
    Step step = env.step(new double[] {-1});
    assertThat(env.state()).containsExactly((float) -1.2, 0.0);
    assertThat(step.reward()).isCloseTo(-0.1, offset(TOL));
  }

  @Test
  void reachingTheGoalTerminatesWithTheBonusLessTheActionCost() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {0.44, 0.02});
    Step step = env.step(new double[] {0.5});
    assertThat(env.state()).containsExactly(0.4601295590400696, 0.02012956142425537);
    assertThat(step.terminated()).isTrue();
    assertThat(step.reward()).isCloseTo(100 - 0.1 * 0.25, offset(TOL));
    assertThatThrownBy(() -> env.step(new double[] {0.5}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("terminated at the goal");
    env.setState(new double[] {0.44, -0.02});
    assertThat(env.step(new double[] {1.0}).terminated()).isFalse(); // p′ < 0.45
  }

  @Test
  void theForceIsClippedButTheCostUsesTheActionAsGivenAsInGymnasium() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {0.5, 0.069});
    Step step = env.step(new double[] {2.0});
    // v′ = 0.069 + 0.0015 − 0.0025 cos(1.5) = 0.07032… clipped to 0.07; p′ = 0.57.
    assertThat(env.state()).containsExactly(0.5699999928474426, 0.07000000029802322);
    assertThat(step.terminated()).isTrue();
    assertThat(step.reward()).isCloseTo(100 - 0.4, offset(TOL));
    MountainCarContinuous one = new MountainCarContinuous();
    one.setState(new double[] {0.5, 0.069});
    one.step(new double[] {1.0});
    assertThat(one.state()).containsExactly(env.state());
  }

  @Test
  void resetDrawsThePositionFromUMinus06ToMinus04AtRest() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(8);
    double min = 0;
    double max = -1;
    for (int i = 0; i < 2000; i++) {
      double[] obs = env.reset();
      double[] s = env.state();
      assertThat(s[1]).isZero();
      assertThat(obs[0]).isEqualTo((float) s[0]);
      min = Math.min(min, s[0]);
      max = Math.max(max, s[0]);
    }
    assertThat(min).isGreaterThanOrEqualTo(-0.6).isLessThan(-0.599);
    assertThat(max).isLessThan(-0.4).isGreaterThan(-0.401);
  }

  @Test
  void doingNothingIsTruncatedAt999Steps() {
    TimeLimit env = Envs.make("mountaincar-continuous");
    env.reset(2);
    Step step;
    int steps = 0;
    do {
      step = env.step(new double[] {0});
      steps++;
      assertThat(step.reward()).isZero();
    } while (!step.done());
    assertThat(steps).isEqualTo(999);
    assertThat(step.truncated()).isTrue();
    assertThat(step.terminated()).isFalse();
  }

  @Test
  void badActionsNameTheIndexAndTheValue() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(1);
    assertThatThrownBy(() -> env.step(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must not be NaN, found NaN at index 0");
    assertThatThrownBy(() -> env.step(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must have length 1, found 0");
  }
}
