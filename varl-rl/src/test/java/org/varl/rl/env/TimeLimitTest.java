package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeLimitTest {

  /** Terminates on step {@code terminalStep} of an episode; observation = the step count. */
  private static final class Counter implements Env {
    private final int terminalStep;
    private int t;

    Counter(int terminalStep) {
      this.terminalStep = terminalStep;
    }

    @Override
    public Box observationSpace() {
      return Box.uniform(1, 0, 100);
    }

    @Override
    public Space actionSpace() {
      return new Discrete(1);
    }

    @Override
    public double[] reset(long seed) {
      return reset();
    }

    @Override
    public double[] reset() {
      t = 0;
      return new double[] {0};
    }

    @Override
    public Step step(double[] action) {
      t++;
      return new Step(new double[] {t}, 1.0, t == terminalStep, false);
    }

    @Override
    public double[] state() {
      return new double[] {t};
    }

    @Override
    public double[] setState(double[] state) {
      t = (int) state[0];
      return state.clone();
    }

    @Override
    public String id() {
      return "Counter";
    }
  }

  @Test
  void truncatesOnTheStepThatReachesTheLimitAndNeverTerminates() {
    TimeLimit env = new TimeLimit(new Counter(-1), 3);
    env.reset(0);
    assertThat(env.step(new double[] {0}).truncated()).isFalse();
    assertThat(env.step(new double[] {0}).truncated()).isFalse();
    assertThat(env.elapsedSteps()).isEqualTo(2);
    Step third = env.step(new double[] {0});
    assertThat(third.truncated()).isTrue();
    assertThat(third.terminated()).isFalse();
    assertThat(third.observation()).containsExactly(3);
    assertThatThrownBy(() -> env.step(new double[] {0}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Counter: the episode was truncated after 3 steps");
    env.reset();
    assertThat(env.elapsedSteps()).isZero();
    assertThat(env.step(new double[] {0}).truncated()).isFalse();
  }

  @Test
  void aTerminalStepAtTheLimitIsBothTerminatedAndTruncatedAsInGymnasium() {
    TimeLimit env = new TimeLimit(new Counter(2), 2);
    env.reset(0);
    env.step(new double[] {0});
    Step last = env.step(new double[] {0});
    assertThat(last.terminated()).isTrue();
    assertThat(last.truncated()).isTrue();

    TimeLimit early = new TimeLimit(new Counter(1), 2);
    early.reset(0);
    Step first = early.step(new double[] {0});
    assertThat(first.terminated()).isTrue();
    assertThat(first.truncated()).isFalse();
  }

  @Test
  void setStateKeepsTheStepCount() {
    TimeLimit env = new TimeLimit(new Counter(-1), 5);
    env.reset(0);
    env.step(new double[] {0});
    env.step(new double[] {0});
    env.setState(new double[] {0});
    assertThat(env.elapsedSteps()).isEqualTo(2);
    assertThat(env.unwrapped().state()).containsExactly(0);
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> new TimeLimit(new Counter(-1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max-episode-steps must be >= 1, found 0");
  }
}
