package org.varl.experiments.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.experiments.Listener;
import org.varl.models.flow.Coupling;

class CouplingExperimentTest {

  @TempDir Path dir;

  static CouplingConfig tiny() {
    return CouplingConfig.defaults()
        .withSteps(60)
        .withBatchSize(32)
        .withCount(100)
        .withNfes(1, 4, 20);
  }

  @Test
  void bothCouplingsAreJudgedOnTheSameGridAndTheSeedFixesTheResult() {
    CouplingResult a = CouplingExperiment.run(tiny(), dir.resolve("a"), Listener.NONE);
    CouplingResult b = CouplingExperiment.run(tiny(), dir.resolve("b"), Listener.NONE);
    assertThat(a.runs())
        .extracting(CouplingResult.Run::coupling)
        .containsExactly(Coupling.INDEPENDENT, Coupling.OT);
    for (Coupling c : Coupling.values()) {
      CouplingResult.Run ra = a.of(c);
      assertThat(ra.quality()).extracting(q -> q.nfe()).containsExactly(1, 4, 20);
      assertThat(ra.straightness()).isEqualTo(ra.at(20).straightness()).isPositive();
      assertThat(ra.paths()).hasNumberOfRows(60);
      assertThat(ra.paths()[0]).hasNumberOfRows(21);
      assertThat(ra.finalLoss()).isEqualTo(b.of(c).finalLoss());
      assertThat(ra.at(4).energyDistance()).isEqualTo(b.of(c).at(4).energyDistance());
    }
    // OT pairs cost less, so its regression targets are smaller: a lower loss on the same budget.
    assertThat(a.of(Coupling.OT).finalLoss()).isLessThan(a.of(Coupling.INDEPENDENT).finalLoss());
  }

  @Test
  void badConfigIsRefusedNamingTheField() {
    assertThatThrownBy(() -> tiny().withNfes(4, 0)).hasMessageContaining("nfes[1]");
    assertThatThrownBy(() -> tiny().withSteps(0)).hasMessageContaining("steps");
  }
}
