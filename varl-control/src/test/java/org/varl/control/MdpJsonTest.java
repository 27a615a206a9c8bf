package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MdpJsonTest {
  private static final String GOOD =
      """
      {"states": 2, "actions": 2,
       "transitions": [[0, 0, 0, 1.0], [0, 1, 1, 0.5], [0, 1, 1, 0.5], [1, 0, 1, 1], [1, 1, 0, 0.3], [1, 1, 1, 0.7]],
       "rewards": [[0, 1], [2, 3]],
       "initial": [1, 0],
       "actionPrior": [[0.5, 0.5], [0.9, 0.1]]}
      """;

  /** GOOD with one piece of text replaced. */
  private static String with(String from, String to) {
    assertThat(GOOD).contains(from);
    return GOOD.replace(from, to);
  }

  @Test
  void readsTheIssueFormat() {
    Mdp mdp = MdpJson.parse(GOOD, false);
    assertThat(mdp.numStates()).isEqualTo(2);
    assertThat(mdp.numActions()).isEqualTo(2);
    assertThat(mdp.transition(0, 1, 1)).isEqualTo(1.0);
    assertThat(mdp.transition(1, 1, 0)).isEqualTo(0.3);
    assertThat(mdp.reward(1, 1)).isEqualTo(3.0);
    assertThat(mdp.actionPrior(1, 0)).isEqualTo(0.9);
  }

  @Test
  void roundTrips() {
    Mdp mdp = MdpJson.parse(GOOD, false);
    Mdp again = MdpJson.parse(MdpJson.toJson(mdp), false);
    assertThat(MdpJson.toJson(again)).isEqualTo(MdpJson.toJson(mdp));
    assertThat(again.numTransitions()).isEqualTo(5);
  }

  @Test
  void priorIsOptional() {
    Mdp mdp = MdpJson.parse(with(",\n \"actionPrior\": [[0.5, 0.5], [0.9, 0.1]]", ""), false);
    assertThat(mdp.hasActionPrior()).isFalse();
  }

  @Test
  void malformedJsonGivesLineAndColumn() {
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 0]", "[1 0]"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed JSON at line 4, column 16: Unexpected character")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> MdpJson.parse("{\"states\": 2,, }", false))
        .hasMessageStartingWith("malformed JSON at line 1, column 14");
    assertThatThrownBy(() -> MdpJson.parse("[]", false))
        .hasMessage("mdp: expected a JSON object (line 1, column 1)");
  }

  @Test
  void negativeCountsReportTheValue() {
    assertThatThrownBy(() -> MdpJson.parse(with("\"states\": 2", "\"states\": -3"), false))
        .hasMessage("states: must be >= 1, found -3");
    assertThatThrownBy(() -> MdpJson.parse(with("\"actions\": 2", "\"actions\": -1"), false))
        .hasMessage("actions: must be >= 1, found -1");
  }

  /**
   * A 200-byte file claiming 1e9 states is refused from what it lists, in memory proportional to
   * the file: before the fix it allocated int[1e9 + 1] row offsets (an OutOfMemoryError on a
   * default heap) to find that most rows have no transitions.
   */
  @Test
  void aHugeStateCountInASmallFileIsRefusedBeforeAllocating() {
    String huge = with("\"states\": 2", "\"states\": 1000000000");
    assertThatThrownBy(() -> MdpJson.parse(huge, false))
        .hasMessage("rewards: expected 1000000000 rows, found 2");
    String noRewards = huge.replace("\"rewards\": [[0, 1], [2, 3]],", "");
    assertThatThrownBy(() -> MdpJson.parse(noRewards, false))
        .hasMessage("transitions: (s=2,a=0) has no transitions");
  }

  @Test
  void missingFields() {
    assertThatThrownBy(() -> MdpJson.parse(with("\"states\": 2, ", ""), false))
        .hasMessage("states: required field is missing");
    assertThatThrownBy(() -> MdpJson.parse(with("\"actions\": 2,", ""), false))
        .hasMessage("actions: required field is missing");
    assertThatThrownBy(() -> MdpJson.parse(with("\"rewards\": [[0, 1], [2, 3]],", ""), false))
        .hasMessage("rewards: required field is missing");
    assertThatThrownBy(() -> MdpJson.parse(with("\"initial\": [1, 0],", ""), false))
        .hasMessage("initial: required field is missing");
    String noTransitions = GOOD.replaceAll("\"transitions\": \\[.*\\],\n", "");
    assertThat(noTransitions).doesNotContain("transitions");
    assertThatThrownBy(() -> MdpJson.parse(noTransitions, false))
        .hasMessage("transitions: required field is missing");
  }

  @Test
  void wrongTypesNameTheFieldAndPosition() {
    assertThatThrownBy(() -> MdpJson.parse(with("\"states\": 2", "\"states\": \"two\""), false))
        .hasMessage("states: expected an integer, found the string \"two\" (line 1, column 12)");
    assertThatThrownBy(
            () ->
                MdpJson.parse(
                    with("[0, 1, 1, 0.5], [0, 1, 1, 0.5]", "[0, 1.5, 1, 0.5], [0, 1, 1, 0.5]"),
                    false))
        .hasMessageStartingWith(
            "transitions[1][1]: expected an integer, found 1.5 (line 2, column 38)");
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 0, 1, 1]", "[1, 0, 1]"), false))
        .hasMessageStartingWith("transitions[3]: expected [s, a, s2, p], found 3 values");
    assertThatThrownBy(
            () -> MdpJson.parse(with("\"initial\": [1, 0]", "\"initial\": [1, null]"), false))
        .hasMessageStartingWith("initial[1]: expected a number, found null");
    assertThatThrownBy(
            () -> MdpJson.parse(with("\"states\": 2", "\"states\": 2, \"extra\": 1"), false))
        .hasMessageStartingWith("unknown field \"extra\"");
  }

  @Test
  void idsOutOfRange() {
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 0, 1, 1]", "[1, 0, 2, 1]"), false))
        .hasMessage("transitions[3]: next state 2 out of range [0, 2)");
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 0, 1, 1]", "[-1, 0, 1, 1]"), false))
        .hasMessage("transitions[3]: state -1 out of range [0, 2)");
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 0, 1, 1]", "[1, 5, 1, 1]"), false))
        .hasMessage("transitions[3]: action 5 out of range [0, 2)");
  }

  @Test
  void badProbabilities() {
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 1, 0, 0.3]", "[1, 1, 0, NaN]"), false))
        .hasMessage("transitions[4]: probability must be finite and >= 0, found NaN");
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 1, 0, 0.3]", "[1, 1, 0, -0.3]"), false))
        .hasMessage("transitions[4]: probability must be finite and >= 0, found -0.3");
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 1, 0, 0.3]", "[1, 1, 0, Infinity]"), false))
        .hasMessage("transitions[4]: probability must be finite and >= 0, found Infinity");
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 1, 0, 0.3]", "[1, 1, 0, 1e999]"), false))
        .hasMessage("transitions[4]: probability must be finite and >= 0, found Infinity");
  }

  @Test
  void rowsMustSumToOneUnlessNormalized() {
    String json = with("[1, 1, 0, 0.3]", "[1, 1, 0, 0.2]");
    assertThatThrownBy(() -> MdpJson.parse(json, false))
        .hasMessage(
            "transitions: row P(.|s=1,a=1) sums to 0.8999999999999999 (tolerance 1e-9); use --normalize"
                + " to rescale");
    Mdp normalized = MdpJson.parse(json, true);
    assertThat(normalized.transition(1, 1, 0))
        .isCloseTo(0.2 / 0.9, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void stateActionWithoutTransitions() {
    assertThatThrownBy(() -> MdpJson.parse(with("[1, 0, 1, 1], ", ""), false))
        .hasMessage("transitions: (s=1,a=0) has no transitions");
  }

  @Test
  void badRewards() {
    assertThatThrownBy(() -> MdpJson.parse(with("[[0, 1], [2, 3]]", "[[0, 1]]"), false))
        .hasMessage("rewards: expected 2 rows, found 1");
    assertThatThrownBy(() -> MdpJson.parse(with("[[0, 1], [2, 3]]", "[[0, 1], [2]]"), false))
        .hasMessage("rewards[1]: expected 2 values, found 1");
    assertThatThrownBy(() -> MdpJson.parse(with("[[0, 1], [2, 3]]", "[[0, NaN], [2, 3]]"), false))
        .hasMessage("rewards[0][1]: must be finite, found NaN");
    assertThatThrownBy(
            () -> MdpJson.parse(with("[[0, 1], [2, 3]]", "[[0, 1], [-Infinity, 3]]"), false))
        .hasMessage("rewards[1][0]: must be finite, found -Infinity");
  }

  @Test
  void initialAndPriorRows() {
    assertThatThrownBy(
            () -> MdpJson.parse(with("\"initial\": [1, 0]", "\"initial\": [0.6, 0.6]"), false))
        .hasMessage("initial: sums to 1.2, expected 1 (tolerance 1e-9)");
    assertThatThrownBy(() -> MdpJson.parse(with("[0.9, 0.1]", "[0.9, 0.2]"), false))
        .hasMessageStartingWith("actionPrior[1]: sums to 1.1");
  }

  @Test
  void missingFileIsAOneLineError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThatThrownBy(() -> MdpJson.read(dir.resolve("nope.json"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mdp: file not found: ");
  }

  @Test
  void aSyntaxErrorInAFileNamesTheFileLineAndColumn(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file =
        java.nio.file.Files.writeString(dir.resolve("t.json"), "{\"states\": 2, \"act");
    assertThatThrownBy(() -> MdpJson.read(file, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "mdp: "
                + file
                + ": malformed JSON at line 1, column 19: Unexpected end-of-input in field name");
    // Validation errors name the field, not the file, as before.
    java.nio.file.Path negative =
        java.nio.file.Files.writeString(dir.resolve("n.json"), "{\"states\": 2}");
    assertThatThrownBy(() -> MdpJson.read(negative, false))
        .hasMessage("transitions: required field is missing");
  }
}
