package org.varl.control.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.control.Backup;
import org.varl.control.BackwardMessages;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.PolicyVisitation;
import org.varl.control.grid.CellFeatures;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.SlipperyGridworld;

class MaxEntIrlTest {
  private static final int HORIZON = 30;

  static double totalVariation(double[] p, double[] q) {
    double tv = 0;
    for (int i = 0; i < p.length; i++) {
      tv += Math.abs(p[i] - q[i]);
    }
    return tv / 2;
  }

  @Test
  void recoversTheGridworldRewardWellEnoughToReproduceTheExpert() {
    Gridworld grid = SlipperyGridworld.build(8);
    Mdp mdp = grid.mdp();
    double[][] features = CellFeatures.of(grid);
    InferenceConfig expertConfig = new InferenceConfig(HORIZON, 1.0, Backup.MAXENT, 1.0);
    double[][] expertPolicy = BackwardMessages.compute(mdp, expertConfig).policy();
    double[][] expertVisitation = PolicyVisitation.compute(mdp, expertPolicy);
    List<Trajectory> demos = Demonstrations.sample(mdp, expertPolicy, 400, 20261125L);

    List<Integer> reported = new java.util.ArrayList<>();
    IrlResult result = MaxEntIrl.fit(mdp, features, demos, IrlConfig.defaults(), reported::add);
    // The progress callback sees every ascent step once, in order (the CLI's bar counts on it).
    assertThat(reported)
        .hasSize(IrlConfig.defaults().iterations())
        .startsWith(1, 2, 3)
        .endsWith(IrlConfig.defaults().iterations());

    double worst = 0;
    for (int t = 0; t < HORIZON; t++) {
      worst = Math.max(worst, totalVariation(expertVisitation[t], result.visitation()[t]));
    }
    assertThat(worst).as("max_t TV(expert, learned visitation)").isLessThan(0.1);
    // Up to the common shift: lava is much worse than floor, the goal better than floor.
    // Up to the common shift (every state has one indicator): lava much worse than floor, goal
    // better by about the
    // true 1. Lava's weight is weakly identified (slips, not choices, cause most lava visits),
    // hence the loose bound.
    double[] w = result.weights();
    assertThat(w[1] - w[0]).isLessThan(-3.0);
    assertThat(w[2] - w[0]).isBetween(0.5, 1.5);
    // The dual objective never decreases (the backtracking guarantees that whatever the gradient;
    // that the gradient is
    // the objective's is gradientMatchesCentralDifferencesOfTheObjective), the likelihood rises and
    // the gap shrinks.
    double[] objective = result.objective();
    for (int i = 1; i < objective.length; i++) {
      assertThat(objective[i]).isGreaterThanOrEqualTo(objective[i - 1]);
    }
    double[] ll = result.logLikelihood();
    assertThat(ll[ll.length - 1]).isGreaterThan(ll[0] + 0.1);
    assertThat(result.gradientNorm()[ll.length - 1]).isLessThan(0.1 * result.gradientNorm()[0]);
    // Starting from theta = 0 (uniform policy), the untrained visitation is far from the expert's.
    double[][] uniform =
        BackwardMessages.compute(mdp.withRewards(new double[mdp.numStates()][5]), expertConfig)
            .policy();
    double[][] uniformVisitation = PolicyVisitation.compute(mdp, uniform);
    assertThat(totalVariation(expertVisitation[HORIZON - 1], uniformVisitation[HORIZON - 1]))
        .isGreaterThan(0.3);
  }

  /**
   * The ascent's gradient (mu_D - mu_pi) / (alpha T) is the gradient of the objective it reports:
   * central differences of L with step h = 1e-5 agree to 1e-7 + 1e-6 |g| (truncation h^2 |d^3 L| /
   * 6 ~ 1e-10, rounding eps |L| / h ~ 1e-10). The MDP is stochastic (slip 0.2), alpha is not 1, and
   * two random real-valued features join the cell indicators so that no component is pinned by the
   * indicators summing to 1.
   */
  @Test
  void gradientMatchesCentralDifferencesOfTheObjective() {
    Gridworld grid = SlipperyGridworld.build(5, 0.2);
    Mdp mdp = grid.mdp();
    SplittableRandom rng = new SplittableRandom(7);
    double[][] cells = CellFeatures.of(grid);
    double[][] features = new double[mdp.numStates()][5];
    for (int s = 0; s < features.length; s++) {
      System.arraycopy(cells[s], 0, features[s], 0, 3);
      features[s][3] = rng.nextDouble(-1, 1);
      features[s][4] = rng.nextDouble(-2, 2);
    }
    double alpha = 0.7;
    double[][] expert =
        BackwardMessages.compute(mdp, new InferenceConfig(8, alpha, Backup.MAXENT, 1.0)).policy();
    List<Trajectory> demos = Demonstrations.sample(mdp, expert, 50, 11);
    double[][] points = {
      new double[5],
      {-1.0, -10.0, 0.0, 0.5, -0.3},
      {
        rng.nextDouble(-3, 3),
        rng.nextDouble(-3, 3),
        rng.nextDouble(-3, 3),
        rng.nextDouble(-3, 3),
        rng.nextDouble(-3, 3)
      }
    };
    double h = 1e-5;
    for (double[] theta : points) {
      MaxEntIrl.Evaluation at = MaxEntIrl.evaluate(mdp, features, demos, theta, alpha);
      double norm = 0;
      for (int f = 0; f < theta.length; f++) {
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        plus[f] += h;
        minus[f] -= h;
        double numeric =
            (MaxEntIrl.evaluate(mdp, features, demos, plus, alpha).objective()
                    - MaxEntIrl.evaluate(mdp, features, demos, minus, alpha).objective())
                / (2 * h);
        double analytic = at.gradient()[f];
        assertThat(analytic)
            .as("theta %s, feature %d", Arrays.toString(theta), f)
            .isCloseTo(numeric, offset(1e-7 + 1e-6 * Math.abs(numeric)));
        norm += analytic * analytic;
      }
      // Not a vacuous agreement of two zeros.
      assertThat(Math.sqrt(norm))
          .as("|gradient| at %s", Arrays.toString(theta))
          .isGreaterThan(1e-2);
    }
  }

  @Test
  void sameSeedSameDemonstrations() {
    Mdp mdp = SlipperyGridworld.build(4).mdp();
    double[][] policy = BackwardMessages.compute(mdp, InferenceConfig.of(6)).policy();
    List<Trajectory> a = Demonstrations.sample(mdp, policy, 5, 3);
    List<Trajectory> b = Demonstrations.sample(mdp, policy, 5, 3);
    assertThat(Demonstrations.toJson(a)).isEqualTo(Demonstrations.toJson(b));
    assertThat(Demonstrations.toJson(Demonstrations.sample(mdp, policy, 5, 4)))
        .isNotEqualTo(Demonstrations.toJson(a));
  }

  @Test
  void demonstrationFilesRoundTripAndAreChecked(@TempDir Path dir) throws Exception {
    Mdp mdp = SlipperyGridworld.build(4).mdp();
    double[][] policy = BackwardMessages.compute(mdp, InferenceConfig.of(6)).policy();
    List<Trajectory> demos = Demonstrations.sample(mdp, policy, 3, 1);
    Path file = dir.resolve("demos.json");
    Files.writeString(file, Demonstrations.toJson(demos));
    List<Trajectory> back = Demonstrations.read(file, 16, 5);
    assertThat(Demonstrations.toJson(back)).isEqualTo(Demonstrations.toJson(demos));

    Files.writeString(file, "{\"trajectories\": [[[0, 1], [1, 9]]]}");
    assertThatThrownBy(() -> Demonstrations.read(file, 16, 5))
        .hasMessage("trajectories[0][1]: action 9 out of range [0, 5)");
    Files.writeString(file, "{\"trajectories\": [[[0, 1], [1, 2]], [[0, 1]]]}");
    assertThatThrownBy(() -> Demonstrations.read(file, 16, 5))
        .hasMessageStartingWith("trajectories[1]: expected 2 [state, action] pairs");
    Files.writeString(file, "{\"trajectories\": [[[0, 1], [1, 2]]");
    assertThatThrownBy(() -> Demonstrations.read(file, 16, 5))
        .hasMessageStartingWith("demos: " + file + ": malformed JSON at line 1");
    // A top-level array, an unknown field and a jump the dynamics do not allow were accepted (the
    // first as "required field is missing").
    Files.writeString(file, "[[[0, 1]]]");
    assertThatThrownBy(() -> Demonstrations.read(file, 16, 5))
        .hasMessage(
            "demos: "
                + file
                + ": expected a JSON object {\"trajectories\": [...]} at the top level, found array");
    Files.writeString(file, "{\"trajectories\": [[[0, 1]]], \"extra\": 1}");
    assertThatThrownBy(() -> Demonstrations.read(file, 16, 5))
        .hasMessage(
            "demos: " + file + ": unknown field \"extra\" (the only field is trajectories)");
    // State 0 of the 4x4 grid is (0, 0); state 15 is the far corner, not one move away.
    Files.writeString(file, "{\"trajectories\": [[[0, 4], [15, 2]]]}");
    assertThat(Demonstrations.read(file, 16, 5)).hasSize(1);
    assertThatThrownBy(() -> Demonstrations.read(file, mdp))
        .hasMessage(
            "trajectories[0][1]: state 15 cannot follow state 0 under action 4 (P(s'|s,a) = 0):"
                + " an impossible move");
    Files.writeString(file, Demonstrations.toJson(demos));
    assertThat(Demonstrations.read(file, mdp)).hasSize(3);
    assertThatThrownBy(() -> Demonstrations.read(dir.resolve("none.json"), 16, 5))
        .hasMessageStartingWith("demos: file not found");
  }

  @Test
  void configValidates() {
    assertThatThrownBy(() -> new IrlConfig(1, 0, 0.1))
        .hasMessage("iterations: must be >= 1, found 0");
    assertThatThrownBy(() -> new IrlConfig(1, 5, -1))
        .hasMessage("lr: must be finite and > 0, found -1.0");
    assertThatThrownBy(() -> new IrlConfig(0, 5, 1))
        .hasMessage("temperature: must be finite and > 0, found 0.0");
  }
}
