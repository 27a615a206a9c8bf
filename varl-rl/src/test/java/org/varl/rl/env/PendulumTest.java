package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Pendulum-v1 against hand-computed steps of Gymnasium's equations (the values are printed by
 * src/test/resources/org/varl/rl/env/classic_control_reference.py).
 */
class PendulumTest {

  private static final double TOL = 1e-12;

  @Test
  void oneStepFollowsTheSemiImplicitEulerUpdateAndTheCost() {
    Pendulum env = new Pendulum();
    env.setState(new double[] {1.0, 0.5});
    Step step = env.step(new double[] {1.5});
    // θ̇′ = 0.5 + (15 sin 1 + 3·1.5)·0.05, θ′ = 1 + 0.05 θ̇′, r = −(1 + 0.1·0.25 + 0.001·2.25)
    assertThat(env.state()[1]).isCloseTo(1.3561032386059226, offset(TOL));
    assertThat(env.state()[0]).isCloseTo(1.0678051619302962, offset(TOL));
    assertThat(step.reward()).isCloseTo(-1.02725, offset(TOL));
    assertThat(step.observation())
        .containsExactly(0.4820483922958374, 0.8761445879936218, 1.3561031818389893);
    assertThat(step.terminated()).isFalse();
    assertThat(step.truncated()).isFalse();
  }

  @Test
  void theCostUsesTheNormalizedAngleOfTheStateBeforeTheStep() {
    Pendulum env = new Pendulum();
    env.setState(new double[] {7.0, -3.0});
    Step step = env.step(new double[] {-0.25});
    // θ_norm = 7 − 2π = 0.7168…: r = −(0.7168² + 0.9 + 0.001·0.0625)
    assertThat(step.reward()).isCloseTo(-1.4138858038432243, offset(TOL));
    assertThat(env.state())
        .containsExactly(new double[] {6.8727619974519545, -2.544760050960908}, offset(TOL));
  }

  @Test
  void actionsAreClippedToTheTorqueBoundAndTheSpeedToEight() {
    Pendulum env = new Pendulum();
    env.setState(new double[] {-4.0, 7.9});
    Step step = env.step(new double[] {5.0});
    // u = 2: θ̇′ = 7.9 + (15 sin(−4) + 6)·0.05 = 8.317… clipped to 8; θ′ = −4 + 0.4.
    assertThat(env.state()).containsExactly(new double[] {-3.6, 8.0}, offset(TOL));
    assertThat(step.reward()).isCloseTo(-11.457935146920741, offset(TOL));
    Pendulum clipped = new Pendulum();
    clipped.setState(new double[] {-4.0, 7.9});
    assertThat(clipped.step(new double[] {2.0}).reward()).isEqualTo(step.reward());
    Pendulum infinite = new Pendulum();
    infinite.setState(new double[] {0.3, 0.0});
    Pendulum bound = new Pendulum();
    bound.setState(new double[] {0.3, 0.0});
    assertThat(infinite.step(new double[] {Double.NEGATIVE_INFINITY}).observation())
        .containsExactly(bound.step(new double[] {-2.0}).observation());
  }

  @Test
  void angleNormalizeIsPythonsFlooredModulo() {
    assertThat(Pendulum.angleNormalize(0.5)).isCloseTo(0.5, offset(TOL));
    assertThat(Pendulum.angleNormalize(7.0)).isCloseTo(7.0 - 2 * Math.PI, offset(TOL));
    assertThat(Pendulum.angleNormalize(-4.0)).isCloseTo(-4.0 + 2 * Math.PI, offset(TOL));
    assertThat(Pendulum.angleNormalize(-20.0)).isCloseTo(-20.0 + 6 * Math.PI, offset(TOL));
    assertThat(Pendulum.angleNormalize(Math.PI)).isCloseTo(-Math.PI, offset(TOL));
  }

  @Test
  void resetDrawsThetaAndThetaDotUniformlyAndASeedReproducesIt() {
    Pendulum env = new Pendulum();
    double minTheta = Double.POSITIVE_INFINITY;
    double maxTheta = Double.NEGATIVE_INFINITY;
    double minSpeed = Double.POSITIVE_INFINITY;
    double maxSpeed = Double.NEGATIVE_INFINITY;
    double sumTheta = 0;
    int n = 4000;
    env.reset(3);
    for (int i = 0; i < n; i++) {
      double[] obs = env.reset();
      double[] s = env.state();
      assertThat(obs[0]).isEqualTo((float) Math.cos(s[0]));
      assertThat(obs[1]).isEqualTo((float) Math.sin(s[0]));
      assertThat(obs[2]).isEqualTo((float) s[1]);
      minTheta = Math.min(minTheta, s[0]);
      maxTheta = Math.max(maxTheta, s[0]);
      minSpeed = Math.min(minSpeed, s[1]);
      maxSpeed = Math.max(maxSpeed, s[1]);
      sumTheta += s[0];
    }
    assertThat(minTheta).isGreaterThanOrEqualTo(-Math.PI).isLessThan(-Math.PI + 0.01);
    assertThat(maxTheta).isLessThan(Math.PI).isGreaterThan(Math.PI - 0.01);
    assertThat(minSpeed).isGreaterThanOrEqualTo(-1.0).isLessThan(-0.99);
    assertThat(maxSpeed).isLessThan(1.0).isGreaterThan(0.99);
    // mean of U[−π, π) is 0 with standard error π/√(3n) ≈ 0.029: 4 standard errors.
    assertThat(sumTheta / n).isCloseTo(0.0, offset(4 * Math.PI / Math.sqrt(3.0 * n)));

    double[] first = new Pendulum().reset(11);
    assertThat(new Pendulum().reset(11)).containsExactly(first);
    Pendulum again = new Pendulum();
    again.reset(11);
    assertThat(again.reset()).isNotEqualTo(first);
    assertThat(again.reset(11)).containsExactly(first);
    assertThat(new Pendulum().reset(12)).isNotEqualTo(first);
  }

  @Test
  void neverTerminatesAndTheRegisteredOneIsTruncatedAt200Steps() {
    Env env = Envs.make("pendulum");
    assertThat(env.id()).isEqualTo("Pendulum-v1");
    env.reset(0);
    for (int t = 1; t < 200; t++) {
      Step step = env.step(new double[] {0.7});
      assertThat(step.terminated()).isFalse();
      assertThat(step.truncated()).as("step %d", t).isFalse();
    }
    Step last = env.step(new double[] {0.7});
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
    assertThatThrownBy(() -> env.step(new double[] {0.7}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated after 200 steps");
  }

  @Test
  void badActionsAndStatesNameTheIndexAndTheValue() {
    Pendulum env = new Pendulum();
    assertThatThrownBy(() -> env.step(new double[] {0.0}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset");
    assertThatThrownBy(env::reset)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset(seed)");
    env.reset(1);
    assertThatThrownBy(() -> env.step(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must not be NaN, found NaN at index 0");
    assertThatThrownBy(() -> env.step(new double[] {0.1, 0.2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must have length 1, found 2");
    assertThatThrownBy(() -> env.setState(new double[] {0.1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state must be finite, found Infinity at index 1");
    assertThatThrownBy(() -> env.setState(new double[] {0.1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 2");
  }

  @Test
  void spacesAreGymnasiums() {
    Pendulum env = new Pendulum();
    assertThat(env.actionSpace()).isEqualTo(Box.uniform(1, -2, 2));
    assertThat(env.observationSpace().low()).containsExactly(-1, -1, -8);
    assertThat(env.observationSpace().high()).containsExactly(1, 1, 8);
  }
}
