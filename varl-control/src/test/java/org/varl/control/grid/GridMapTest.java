package org.varl.control.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.varl.control.Mdp;

class GridMapTest {
  private static final String MAP =
      """
      S..#
      .L.G
      ...#
      """;

  @Test
  void wallsAreNotStatesAndBlockMoves() {
    Gridworld g = GridMap.parse(MAP, 0.0);
    assertThat(g.width()).isEqualTo(4);
    assertThat(g.height()).isEqualTo(3);
    assertThat(g.numStates()).isEqualTo(10);
    assertThat(g.state(3, 0)).isEqualTo(-1);
    int start = g.state(0, 0);
    Mdp mdp = g.mdp();
    assertThat(mdp.initial(start)).isEqualTo(1.0);
    assertThat(mdp.transition(start, Moves.UP, start)).isEqualTo(1.0);
    assertThat(mdp.transition(start, Moves.RIGHT, g.state(1, 0))).isEqualTo(1.0);
    int beforeWall = g.state(2, 0);
    assertThat(mdp.transition(beforeWall, Moves.RIGHT, beforeWall)).isEqualTo(1.0);
    assertThat(g.x(g.state(3, 1))).isEqualTo(3);
    assertThat(g.y(g.state(3, 1))).isEqualTo(1);
  }

  @Test
  void rewardsAndAbsorbingGoal() {
    Gridworld g = GridMap.parse(MAP, 0.2);
    Mdp mdp = g.mdp();
    int goal = g.state(3, 1);
    assertThat(g.type(goal)).isEqualTo(CellType.GOAL);
    for (int a = 0; a < Moves.COUNT; a++) {
      assertThat(mdp.transition(goal, a, goal)).isEqualTo(1.0);
      assertThat(mdp.reward(goal, a)).isEqualTo(GridMap.GOAL_REWARD);
      assertThat(mdp.reward(g.state(1, 1), a)).isEqualTo(GridMap.LAVA_REWARD);
      assertThat(mdp.reward(g.state(0, 0), a)).isEqualTo(GridMap.FLOOR_REWARD);
    }
    // Slip 0.2 from (1,0) moving down onto lava: 0.8 + 0.04.
    assertThat(mdp.transition(g.state(1, 0), Moves.DOWN, g.state(1, 1)))
        .isCloseTo(0.84, offset(1e-15));
    assertThat(g.toGrid(new double[10])[0][3]).isNaN();
  }

  @Test
  void severalStartsShareTheInitialMass() {
    Gridworld g = GridMap.parse("S.S\n..G\n", 0.1);
    assertThat(g.mdp().initial(0)).isEqualTo(0.5);
    assertThat(g.mdp().initial(2)).isEqualTo(0.5);
  }

  @Test
  void badMaps() {
    assertThatThrownBy(() -> GridMap.parse("S..\n.X.\n", 0.1))
        .hasMessage("map: line 2, column 2: unknown cell 'X' (expected . # S G L)");
    assertThatThrownBy(() -> GridMap.parse("S..\n..\n", 0.1))
        .hasMessage("map: line 2 has 2 cells, expected 3");
    assertThatThrownBy(() -> GridMap.parse("...\n..G\n", 0.1)).hasMessage("map: no start cell 'S'");
    assertThatThrownBy(() -> GridMap.parse("S..\n...\n", 0.1)).hasMessage("map: no goal cell 'G'");
    assertThatThrownBy(() -> GridMap.parse("\n\n", 0.1)).hasMessage("map: is empty");
    assertThatThrownBy(() -> GridMap.parse(MAP, 1.5))
        .hasMessage("slip: must be in [0, 1], found 1.5");
  }
}
