package org.varl.control.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.varl.control.Backup;
import org.varl.control.BackwardMessages;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.SoftValues;

class SlipperyGridworldTest {

  @Test
  void transitionsAndRewardsAreThePeers() {
    Gridworld g = SlipperyGridworld.build(5);
    Mdp mdp = g.mdp();
    assertThat(mdp.numStates()).isEqualTo(25);
    int s = g.state(2, 1); // interior: 5 distinct targets
    assertThat(s).isEqualTo(1 * 5 + 2);
    assertThat(mdp.transition(s, Moves.UP, g.state(2, 0))).isCloseTo(0.9 + 0.02, offset(1e-15));
    assertThat(mdp.transition(s, Moves.UP, g.state(2, 2))).isCloseTo(0.02, offset(1e-15));
    assertThat(mdp.transition(s, Moves.UP, s)).isCloseTo(0.02, offset(1e-15));
    assertThat(mdp.rowEnd(s, Moves.UP) - mdp.rowBegin(s, Moves.UP)).isEqualTo(5);
    // Corner (0,0): stay, up and left all land on (0,0); their slip masses add up.
    assertThat(mdp.transition(0, Moves.STAY, 0)).isCloseTo(0.9 + 3 * 0.02, offset(1e-15));
    assertThat(mdp.transition(0, Moves.RIGHT, 1)).isCloseTo(0.92, offset(1e-15));
    assertThat(mdp.transition(0, Moves.RIGHT, 0)).isCloseTo(0.06, offset(1e-15));
    // Rewards: lava where (7x + 13y) % 17 == 0 (including the start (0,0)), goal (4,4) = 0, else
    // -1.
    assertThat(mdp.reward(0, 2)).isEqualTo(-10.0);
    assertThat(g.type(0)).isEqualTo(CellType.LAVA);
    assertThat(mdp.reward(24, 0)).isEqualTo(0.0);
    assertThat(g.type(24)).isEqualTo(CellType.GOAL);
    assertThat(mdp.reward(g.state(1, 1), 3)).isEqualTo(-1.0);
    assertThat(mdp.initial(0)).isEqualTo(1.0);
  }

  @Test
  void theGoalWinsOverLava() {
    // (7x + 13y) % 17 == 0 at the corner of a 18 x 18 grid? x = y = 17: 340 = 20 * 17.
    Gridworld g = SlipperyGridworld.build(18);
    assertThat(SlipperyGridworld.isLava(17, 17)).isTrue();
    assertThat(g.mdp().reward(g.numStates() - 1, 0)).isEqualTo(0.0);
  }

  /**
   * V_0(start) and sum_s V_0(s) against the peer's printed output
   * (src/test/resources/peer-reference.sh): {@code /usr/bin/python3 softvi_gridworld_peer.py --size
   * N --horizon T --alpha A}.
   */
  @ParameterizedTest
  @CsvSource({
    "5, 3, 1.0, -8.3109971266, 27.720111",
    "20, 30, 1.0, 6.5743543741, 7213.148182",
    "30, 50, 0.5, -20.5312138993, -4053.149432"
  })
  void matchesThePeer(int size, int horizon, double alpha, double v0Start, double v0Sum) {
    Mdp mdp = SlipperyGridworld.build(size).mdp();
    InferenceConfig config = new InferenceConfig(horizon, alpha, Backup.EXACT, 1.0);
    for (double[] v0 :
        new double[][] {
          SoftValues.solve(mdp, config, 2, false).v0(), BackwardMessages.compute(mdp, config).v()[0]
        }) {
      double sum = 0;
      for (double v : v0) {
        sum += v;
      }
      assertThat(v0[0]).isCloseTo(v0Start, offset(1e-9));
      assertThat(sum).isCloseTo(v0Sum, offset(1e-5));
    }
  }
}
