package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MdpBuilderTest {

  /**
   * Two states, two actions: a=0 stays, a=1 moves to the other state; given as 3 entries that add
   * up.
   */
  private static MdpBuilder twoStates() {
    return Mdp.builder()
        .setStates(2)
        .setActions(2)
        .addTransition(0, 0, 0, 1.0)
        .addTransition(0, 1, 1, 0.25)
        .addTransition(0, 1, 1, 0.75)
        .addTransition(1, 0, 1, 1.0)
        .addTransition(1, 1, 0, 1.0)
        .setRewards(new double[][] {{0, 1}, {2, 3}})
        .setInitial(new double[] {1, 0});
  }

  @Test
  void repeatedEntriesAddUpAndRowsAreSorted() {
    Mdp mdp =
        Mdp.builder()
            .setStates(3)
            .setActions(1)
            .addTransition(0, 0, 2, 0.2)
            .addTransition(0, 0, 1, 0.3)
            .addTransition(0, 0, 2, 0.5)
            .addTransition(1, 0, 1, 1.0)
            .addTransition(2, 0, 0, 1.0)
            .setRewards(new double[][] {{0}, {0}, {0}})
            .setInitial(new double[] {1, 0, 0})
            .build();
    assertThat(mdp.rowEnd(0, 0) - mdp.rowBegin(0, 0)).isEqualTo(2);
    assertThat(mdp.successor(mdp.rowBegin(0, 0))).isEqualTo(1);
    assertThat(mdp.transition(0, 0, 2)).isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(mdp.transition(0, 0, 0)).isZero();
    assertThat(mdp.numTransitions()).isEqualTo(4);
  }

  @Test
  void buildsAndReportsTheModel() {
    Mdp mdp = twoStates().build();
    assertThat(mdp.numStates()).isEqualTo(2);
    assertThat(mdp.transition(0, 1, 1)).isEqualTo(1.0);
    assertThat(mdp.reward(1, 0)).isEqualTo(2.0);
    assertThat(mdp.isDeterministic()).isTrue();
    assertThat(mdp.hasActionPrior()).isFalse();
    assertThat(mdp.actionPrior(0, 1)).isEqualTo(0.5);
  }

  @Test
  void missingRequiredFields() {
    assertThatThrownBy(() -> Mdp.builder().setActions(1).build())
        .hasMessage("states: required field is missing");
    assertThatThrownBy(() -> Mdp.builder().setStates(1).build())
        .hasMessage("actions: required field is missing");
    assertThatThrownBy(() -> twoStates().setRewards(null).build())
        .hasMessage("rewards: required field is missing");
    assertThatThrownBy(() -> twoStates().setInitial(null).build())
        .hasMessage("initial: required field is missing");
  }

  @Test
  void idsOutOfRange() {
    assertThatThrownBy(() -> twoStates().addTransition(2, 0, 0, 1.0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("transitions[5]: state 2 out of range [0, 2)");
    assertThatThrownBy(() -> twoStates().addTransition(0, -1, 0, 1.0).build())
        .hasMessage("transitions[5]: action -1 out of range [0, 2)");
    assertThatThrownBy(() -> twoStates().addTransition(0, 0, 7, 1.0).build())
        .hasMessage("transitions[5]: next state 7 out of range [0, 2)");
  }

  @Test
  void negativeNanInfiniteProbabilities() {
    assertThatThrownBy(() -> twoStates().addTransition(0, 0, 1, -0.1).build())
        .hasMessage("transitions[5]: probability must be finite and >= 0, found -0.1");
    assertThatThrownBy(() -> twoStates().addTransition(0, 0, 1, Double.NaN).build())
        .hasMessage("transitions[5]: probability must be finite and >= 0, found NaN");
    assertThatThrownBy(() -> twoStates().addTransition(0, 0, 1, Double.POSITIVE_INFINITY).build())
        .hasMessage("transitions[5]: probability must be finite and >= 0, found Infinity");
  }

  @Test
  void rowNotSummingToOneIsRejectedOrNormalized() {
    MdpBuilder b =
        Mdp.builder()
            .setStates(1)
            .setActions(1)
            .addTransition(0, 0, 0, 0.9)
            .setRewards(new double[][] {{0}})
            .setInitial(new double[] {1});
    assertThatThrownBy(b::build)
        .hasMessage(
            "transitions: row P(.|s=0,a=0) sums to 0.9 (tolerance 1e-9); use --normalize to rescale");
    assertThat(b.optNormalize(true).build().transition(0, 0, 0)).isEqualTo(1.0);
    // Within the tolerance is accepted, and rescaled so that every row is a distribution to
    // rounding (issue 9: the visitation kept the excess mass at every step).
    Mdp close =
        Mdp.builder()
            .setStates(1)
            .setActions(1)
            .addTransition(0, 0, 0, 1.0 + 5e-10)
            .setRewards(new double[][] {{0}})
            .setInitial(new double[] {1})
            .build();
    assertThat(close.transition(0, 0, 0)).isEqualTo(1.0);
  }

  @Test
  void zeroRowsCannotBeNormalized() {
    MdpBuilder b =
        Mdp.builder()
            .setStates(1)
            .setActions(1)
            .addTransition(0, 0, 0, 0.0)
            .setRewards(new double[][] {{0}})
            .setInitial(new double[] {1})
            .optNormalize(true);
    assertThatThrownBy(b::build).hasMessageContaining("row P(.|s=0,a=0) sums to 0");
  }

  @Test
  void stateActionWithoutTransitions() {
    MdpBuilder b =
        Mdp.builder()
            .setStates(3)
            .setActions(1)
            .addTransition(0, 0, 0, 1.0)
            .addTransition(1, 0, 1, 1.0)
            .setRewards(new double[][] {{0}, {0}, {0}})
            .setInitial(new double[] {1, 0, 0});
    assertThatThrownBy(b::build).hasMessage("transitions: (s=2,a=0) has no transitions");
  }

  @Test
  void rewardsOfTheWrongShapeOrNotFinite() {
    assertThatThrownBy(() -> twoStates().setRewards(new double[][] {{0, 1}}).build())
        .hasMessage("rewards: expected 2 rows, found 1");
    assertThatThrownBy(() -> twoStates().setRewards(new double[][] {{0, 1}, {2, 3, 4}}).build())
        .hasMessage("rewards[1]: expected 2 values, found 3");
    assertThatThrownBy(
            () -> twoStates().setRewards(new double[][] {{0, 1}, {2, Double.NaN}}).build())
        .hasMessage("rewards[1][1]: must be finite, found NaN");
    assertThatThrownBy(
            () ->
                twoStates()
                    .setRewards(new double[][] {{Double.NEGATIVE_INFINITY, 1}, {2, 3}})
                    .build())
        .hasMessage("rewards[0][0]: must be finite, found -Infinity");
  }

  @Test
  void initialAndPriorMustBeDistributions() {
    assertThatThrownBy(() -> twoStates().setInitial(new double[] {0.5, 0.4}).build())
        .hasMessage("initial: sums to 0.9, expected 1 (tolerance 1e-9)");
    assertThatThrownBy(() -> twoStates().setInitial(new double[] {1}).build())
        .hasMessage("initial: expected 2 values, found 1");
    assertThatThrownBy(() -> twoStates().setInitial(new double[] {1.5, -0.5}).build())
        .hasMessage("initial[1]: probability must be finite and >= 0, found -0.5");
    assertThatThrownBy(
            () -> twoStates().optActionPrior(new double[][] {{0.5, 0.5}, {0.7, 0.2}}).build())
        .hasMessageStartingWith("actionPrior[1]: sums to 0.8999999999999999, expected 1");
    assertThatThrownBy(() -> twoStates().optActionPrior(new double[][] {{0.5, 0.5}}).build())
        .hasMessage("actionPrior: expected 2 rows, found 1");
    assertThatThrownBy(
            () -> twoStates().optActionPrior(new double[][] {{0.5, 0.5}, {Double.NaN, 1}}).build())
        .hasMessage("actionPrior[1][0]: probability must be finite and >= 0, found NaN");
  }

  @Test
  void foldedRewardsAddTheLogPriorAndMakeZeroPriorImpossible() {
    Mdp mdp = twoStates().optActionPrior(new double[][] {{0.25, 0.75}, {1.0, 0.0}}).build();
    double[] folded = mdp.foldedRewards(2.0);
    assertThat(folded[0]).isEqualTo(0 + 2.0 * Math.log(0.25));
    assertThat(folded[1]).isEqualTo(1 + 2.0 * Math.log(0.75));
    assertThat(folded[2]).isEqualTo(2.0);
    assertThat(folded[3]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(twoStates().build().foldedRewards(2.0)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void configsValidate() {
    assertThatThrownBy(() -> new InferenceConfig(0, 1, Backup.EXACT, 1))
        .hasMessage("horizon: must be >= 1, found 0");
    assertThatThrownBy(() -> new InferenceConfig(3, 0, Backup.EXACT, 1))
        .hasMessage("temperature: must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> new InferenceConfig(3, -1, Backup.EXACT, 1))
        .hasMessage("temperature: must be finite and > 0, found -1.0");
    assertThatThrownBy(() -> new InferenceConfig(3, Double.NaN, Backup.EXACT, 1))
        .hasMessage("temperature: must be finite and > 0, found NaN");
    assertThatThrownBy(() -> new InferenceConfig(3, 1, Backup.EXACT, 0))
        .hasMessage("discount: must be in (0, 1], found 0.0");
    assertThatThrownBy(() -> new InferenceConfig(3, 1, Backup.EXACT, 1.5))
        .hasMessage("discount: must be in (0, 1], found 1.5");
    assertThatThrownBy(() -> InfiniteHorizonConfig.of(1, Backup.MAXENT, 1.0))
        .hasMessage("discount: horizon inf needs discount < 1, found 1.0");
    assertThatThrownBy(() -> Backup.parse("soft"))
        .hasMessage("backup: expected exact or maxent, found soft");
    assertThat(Backup.parse("MaxEnt")).isEqualTo(Backup.MAXENT);
  }
}
