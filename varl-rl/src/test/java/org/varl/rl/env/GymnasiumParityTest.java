package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * varl's environments against trajectories recorded from Gymnasium 1.3.0 itself (NumPy 2.4) by
 * src/test/resources/org/varl/rl/env/gymnasium_rollouts.py: from the same physical state, the same
 * actions give the same observations (float32, compared exactly), the same rewards and the same
 * terminated/truncated flags on the same step, to the end of the episode (Pendulum's 200-step and
 * CartPole's 500-step time limits, the car's arrival at the flag after hitting the left wall).
 */
class GymnasiumParityTest {

  /** Rewards are double sums of a few terms: equal up to a last-bit difference of sin/cos. */
  private static final double REWARD_TOL = 1e-12;

  private record Row(
      double[] observation, double action, double reward, boolean terminated, boolean truncated) {}

  private static List<Row> read(String resource) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = GymnasiumParityTest.class.getResourceAsStream(resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("step")) {
          continue;
        }
        String[] c = line.split(",", -1);
        int k = c.length - 5;
        double[] obs = new double[k];
        for (int i = 0; i < k; i++) {
          obs[i] = Double.parseDouble(c[1 + i]);
        }
        boolean start = c[k + 1].isEmpty();
        rows.add(
            new Row(
                obs,
                start ? Double.NaN : Double.parseDouble(c[k + 1]),
                start ? Double.NaN : Double.parseDouble(c[k + 2]),
                Boolean.parseBoolean(c[k + 3]),
                Boolean.parseBoolean(c[k + 4])));
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "pendulum; gymnasium_pendulum.csv; 2.0,-0.3",
        "cartpole; gymnasium_cartpole.csv; 0.0,0.1,0.02,-0.1",
        "mountaincar-continuous; gymnasium_mountaincar.csv; -0.9,-0.06"
      })
  void sameStateSameActionsSameTrajectoryAsGymnasium(String name, String file, String state)
      throws IOException {
    List<Row> expected = read(file);
    String[] cells = state.split(",");
    double[] s = new double[cells.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = Double.parseDouble(cells[i]);
    }
    TimeLimit env = Envs.make(name);
    env.reset(0);
    double[] start = env.setState(s);
    assertThat(start).as("start").containsExactly(expected.get(0).observation());
    List<double[]> actions = new ArrayList<>();
    for (Row row : expected.subList(1, expected.size())) {
      actions.add(new double[] {row.action()});
    }
    Rollout.Trajectory t = Rollout.play(env, start, actions);
    assertThat(t.steps()).hasSize(expected.size() - 1);
    for (int i = 0; i < t.steps().size(); i++) {
      Step got = t.steps().get(i);
      Row want = expected.get(i + 1);
      assertThat(got.observation())
          .as("step %d observation", i + 1)
          .containsExactly(want.observation());
      assertThat(got.reward())
          .as("step %d reward", i + 1)
          .isCloseTo(want.reward(), offset(REWARD_TOL));
      assertThat(got.terminated()).as("step %d terminated", i + 1).isEqualTo(want.terminated());
      assertThat(got.truncated()).as("step %d truncated", i + 1).isEqualTo(want.truncated());
    }
  }
}
