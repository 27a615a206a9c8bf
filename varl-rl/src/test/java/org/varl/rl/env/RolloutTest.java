package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {

  private static List<double[]> constant(int n, double a) {
    List<double[]> actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      actions.add(new double[] {a});
    }
    return actions;
  }

  @Test
  void playsTheActionsInOrderAndMatchesSteppingByHand() {
    TimeLimit env = Envs.make("pendulum");
    double[] obs = env.setState(new double[] {1.0, 0.5});
    List<double[]> actions = List.of(new double[] {1.5}, new double[] {-3.0}, new double[] {0.2});
    Rollout.Trajectory t = Rollout.play(env, obs, actions);

    Pendulum byHand = new Pendulum();
    byHand.setState(new double[] {1.0, 0.5});
    double total = 0;
    for (int i = 0; i < 3; i++) {
      Step s = byHand.step(actions.get(i));
      assertThat(t.steps().get(i).observation()).containsExactly(s.observation());
      assertThat(t.steps().get(i).reward()).isEqualTo(s.reward());
      total += s.reward();
    }
    assertThat(t.initialObservation()).containsExactly(obs);
    assertThat(t.actions().get(1)).containsExactly(-3.0); // as given, not clipped
    assertThat(t.totalReward()).isEqualTo(total);
    assertThat(t.unusedActions()).isZero();
    assertThat(t.terminated()).isFalse();
    assertThat(t.truncated()).isFalse();
  }

  @Test
  void stopsAtTruncationAndAtTermination() {
    TimeLimit pendulum = Envs.make("pendulum");
    Rollout.Trajectory cut = Rollout.play(pendulum, pendulum.reset(3), constant(205, 0.0));
    assertThat(cut.steps()).hasSize(200);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.unusedActions()).isEqualTo(5);

    TimeLimit cartpole = Envs.make("cartpole");
    Rollout.Trajectory fell = Rollout.play(cartpole, cartpole.reset(3), constant(100, 1));
    assertThat(fell.terminated()).isTrue();
    assertThat(fell.truncated()).isFalse();
    assertThat(fell.steps().size() + fell.unusedActions()).isEqualTo(100);
    assertThat(fell.totalReward()).isEqualTo(fell.steps().size());
  }
}
