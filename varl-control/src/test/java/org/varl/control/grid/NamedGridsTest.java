package org.varl.control.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.varl.control.MdpJson;

class NamedGridsTest {

  @Test
  void slipperyNIsThePeersGrid() {
    Gridworld named = NamedGrids.of("slippery-5", 0.2);
    assertThat(named.numStates()).isEqualTo(25);
    assertThat(MdpJson.toJson(named.mdp()))
        .isEqualTo(MdpJson.toJson(SlipperyGridworld.build(5, 0.2).mdp()));
    assertThat(NamedGrids.of(" Slippery-3 ", 0.1).numStates()).isEqualTo(9);
  }

  @Test
  void wallsIsItsMapWithAnAbsorbingGoal() {
    Gridworld walls = NamedGrids.of("walls", 0.1);
    assertThat(walls.width()).isEqualTo(7);
    assertThat(walls.height()).isEqualTo(5);
    assertThat(walls.numStates()).isEqualTo(35 - 3);
    int goal = walls.state(6, 4);
    assertThat(walls.type(goal)).isEqualTo(CellType.GOAL);
    assertThat(walls.mdp().transition(goal, Moves.LEFT, goal)).isEqualTo(1.0);
    assertThat(walls.state(3, 0)).isEqualTo(-1);
    assertThat(walls.type(walls.state(1, 1))).isEqualTo(CellType.LAVA);
  }

  @Test
  void unknownNamesAreOneLineNamingTheGridAndTheValue() {
    for (String bad : new String[] {"maze", "slippery-", "slippery-x", "slippery"}) {
      assertThatThrownBy(() -> NamedGrids.of(bad, 0.1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("grid: expected " + NamedGrids.NAMES + ", found " + bad);
    }
    assertThatThrownBy(() -> NamedGrids.of("slippery-1", 0.1))
        .hasMessage("grid: N of slippery-N must be in [2, 100], found slippery-1");
    assertThatThrownBy(() -> NamedGrids.of("slippery-101", 0.1)).hasMessageContaining("101");
    assertThatThrownBy(() -> NamedGrids.of("walls", 1.5))
        .hasMessage("slip: must be in [0, 1], found 1.5");
  }
}
