package org.varl.rl.imitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemonstrationsTest {

  @Test
  void rowsAreConsecutiveClippedStepsOfSuccessfulEpisodes() {
    for (int obstacles = 1; obstacles <= 2; obstacles++) {
      double goal = obstacles == 1 ? 1.0 : 1.7;
      List<DemoRow> rows = Demonstrations.generate(obstacles, 50, 5);
      assertThat(rows.get(rows.size() - 1).episode()).isEqualTo(49);
      for (int i = 0; i < rows.size(); i++) {
        DemoRow r = rows.get(i);
        assertThat(Math.hypot(r.dx(), r.dy())).isLessThanOrEqualTo(0.05 + 1e-15);
        assertThat(r.mode()).isBetween(0, (1 << obstacles) - 1);
        boolean last = i == rows.size() - 1 || rows.get(i + 1).episode() != r.episode();
        if (last) {
          assertThat(r.y() + r.dy()).as("row %d", i).isGreaterThanOrEqualTo(goal);
        } else {
          DemoRow n = rows.get(i + 1);
          assertThat(n.step()).isEqualTo(r.step() + 1);
          assertThat(n.mode()).isEqualTo(r.mode());
          assertThat(n.x()).isCloseTo(r.x() + r.dx(), within(1e-15));
          assertThat(n.y()).isCloseTo(r.y() + r.dy(), within(1e-15));
          assertThat(r.y()).isLessThan(goal);
        }
        if (r.step() == 0) {
          assertThat(Math.hypot(r.x(), r.y())).isLessThan(0.02 * 6);
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameRows() {
    assertThat(Demonstrations.generate(2, 20, 9)).isEqualTo(Demonstrations.generate(2, 20, 9));
    assertThat(Demonstrations.generate(2, 20, 9)).isNotEqualTo(Demonstrations.generate(2, 20, 10));
  }

  @Test
  void theCallbackSeesEachEpisodeOnceInOrder() {
    List<Integer> seen = new java.util.ArrayList<>();
    List<DemoRow> rows = Demonstrations.generate(1, 7, 2, seen::add);
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(rows).isEqualTo(Demonstrations.generate(1, 7, 2));
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> Demonstrations.generate(1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("episodes must be >= 1, found 0");
    assertThatThrownBy(() -> Demonstrations.generate(3, 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("obstacles must be 1 or 2, found 3");
  }
}
