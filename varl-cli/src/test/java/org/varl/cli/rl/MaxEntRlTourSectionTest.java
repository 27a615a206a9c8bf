package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourRegistry;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.experiments.rl.TabularBridgeConfig;
import org.varl.experiments.rl.TabularBridgeResult;
import org.varl.rl.train.MetricsRow;

class MaxEntRlTourSectionTest {

  private static final String FLAG = TourResult.DOES_NOT_HOLD;

  /**
   * A result with reward range 10 (target 0.1) whose distances to Q*_maxent fall from {@code first}
   * after one sweep to {@code last} (log-linearly over 5 decades), the distance to Q*_exact being
   * gap + the distance to Q*_maxent.
   */
  private static TabularBridgeResult result(double first, double last, double gap) {
    List<TabularBridgeResult.Row> rows = new ArrayList<>();
    for (int k = 0; k <= 50; k++) {
      double d = first * Math.pow(last / first, k / 50.0);
      rows.add(new TabularBridgeResult.Row(Math.round(125 * Math.pow(10, k / 10.0)), d, gap + d));
    }
    double[][] q = new double[25][5];
    return new TabularBridgeResult(
        TabularBridgeConfig.defaults(), 25, 5, 125, q, q, q, rows, 10.0, gap);
  }

  @Test
  void claimsThatHoldAreNotFlagged() {
    // As the seed-1 default run: 8.87 after one sweep, 0.0275 at the end, gap 7.515.
    List<String> f = MaxEntRlTourSection.tabularFindings(result(8.87, 0.0275, 7.515));
    assertThat(f).hasSize(3).noneMatch(s -> s.startsWith(FLAG)).noneMatch(s -> s.contains("NaN"));
    assertThat(f.get(0)).contains("0.0275, below 1% of the reward range (0.1000)");
    assertThat(f.get(1)).contains("323x").contains("slope -0.50");
    assertThat(f.get(2)).contains("7.5150 - 0.0275 = 7.4875");
  }

  @Test
  void claimsThatFailAreFlagged() {
    // Above the target: only the quality finding fails.
    List<String> high = MaxEntRlTourSection.tabularFindings(result(8.87, 0.5, 7.51));
    assertThat(high.get(0)).startsWith(FLAG).contains("not below");
    assertThat(high.get(1)).doesNotStartWith(FLAG);
    assertThat(high.get(2)).doesNotStartWith(FLAG);
    // No progress: the distance stays at 0.08 (below the target, but it did not go to 0).
    List<String> flat = MaxEntRlTourSection.tabularFindings(result(0.08, 0.08, 7.51));
    assertThat(flat.get(0)).doesNotStartWith(FLAG);
    assertThat(flat.get(1)).startsWith(FLAG).contains("does not fall enough");
    // Deterministic dynamics: nothing to miss, so the bridge's point is not shown.
    List<String> none = MaxEntRlTourSection.tabularFindings(result(8.87, 0.038, 0.0));
    assertThat(none.get(2)).startsWith(FLAG).contains("no optimism to miss");
    // A gap smaller than the learner's error: the bound is not positive.
    List<String> close = MaxEntRlTourSection.tabularFindings(result(8.87, 0.5, 0.3));
    assertThat(close.get(2)).startsWith(FLAG).contains("not yet closer");
  }

  @Test
  void theSlopeOfTheLastDecadeIsTheLogLogRate() {
    List<TabularBridgeResult.Row> rows = new ArrayList<>();
    for (long n : new long[] {1, 10, 100, 1000}) {
      rows.add(new TabularBridgeResult.Row(n, 1.0 / Math.sqrt(n), 1));
    }
    assertThat(MaxEntRlTourSection.lastDecadeSlope(rows))
        .isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(MaxEntRlTourSection.lastDecadeSlope(rows.subList(0, 1))).isNaN();
  }

  @Test
  void theTabularPartRunsOnTheDefaultsWithItsFigureAndEveryClaimHolds(@TempDir Path dir) {
    // The tabular part alone: the SAC part is a minute of training, run by the tour itself; its
    // findings are checked on fed numbers below.
    MaxEntRlTourSection.Part r = MaxEntRlTourSection.tabular(new TourContext(dir, 1));
    assertThat(r.figures()).hasSize(1);
    for (TourResult.Figure f : r.figures()) {
      assertThat(dir.resolve(f.file())).as(f.file()).isNotEmptyFile();
    }
    assertThat(r.metrics()).containsExactly("tabular/q.json", "tabular/convergence.csv");
    for (String m : r.metrics()) {
      assertThat(dir.resolve(m)).as(m).isNotEmptyFile();
    }
    assertThat(r.findings()).hasSize(3);
    for (String f : r.findings()) {
      assertThat(f).doesNotStartWith(FLAG).doesNotContain("NaN");
    }
    assertThat(r.claim()).contains("we'll come back to this");
  }

  private static MetricsRow episode(long step, double ret, double alpha, double entropy) {
    return new MetricsRow(
        step, step / 200, ret, 200, Double.NaN, Double.NaN, 1, 1, alpha, entropy, 100);
  }

  private static MetricsRow evaluation(long step, double mean, double std) {
    return new MetricsRow(
        step,
        step / 200,
        Double.NaN,
        0,
        mean,
        std,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  @Test
  void sacFindingsHoldForALearnedRunAndAreFlaggedForOneThatDidNotLearn() {
    List<MetricsRow> learned =
        List.of(
            episode(200, -1400, 0.9, 1.2),
            episode(400, -1200, 0.8, 1.0),
            episode(600, -1300, 0.7, 0.8),
            evaluation(6000, -140, 80),
            episode(6000, -130, 0.05, -1.1));
    List<String> good = MaxEntRlTourSection.sacFindings(learned, 6000);
    assertThat(good).hasSize(3);
    assertThat(good.get(0)).doesNotStartWith(FLAG).contains("-1300.0").contains("-140.0");
    assertThat(good.get(1)).doesNotStartWith(FLAG).contains("within");
    assertThat(good.get(2)).contains("0.05").contains("-1.10");

    List<MetricsRow> flat =
        List.of(
            episode(200, -1200, 0.9, 1.2),
            episode(400, -1200, 0.8, 1.0),
            episode(600, -1200, 0.7, 0.8),
            evaluation(6000, -1250, 30));
    List<String> bad = MaxEntRlTourSection.sacFindings(flat, 6000);
    assertThat(bad.get(0)).startsWith(FLAG).contains("not better");
    assertThat(bad.get(1)).startsWith(FLAG).contains("not within").contains(">= -246");

    assertThat(MaxEntRlTourSection.sacFindings(List.of(), 6000))
        .singleElement()
        .asString()
        .startsWith(FLAG);
  }

  @Test
  void isRegisteredAfterTheControlSection() {
    List<String> ids = TourRegistry.sections().stream().map(TourSection::id).toList();
    assertThat(ids.indexOf("maxent-rl")).isEqualTo(ids.indexOf("control") + 1);
  }
}
