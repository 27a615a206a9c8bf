package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed values on a 2-state MDP: action 0 stays, action 1 switches (or, in the stochastic
 * variant, goes from state 0 to either state with probability 1/2); r = [[1, 0], [0, 2]], alpha =
 * 1, T = 2, start in state 0. The literal numbers were computed with Python's math module (see the
 * comments).
 */
class ClosedFormTest {
  private static final double E = Math.E;

  static Mdp twoStates(boolean stochastic) {
    MdpBuilder b =
        Mdp.builder()
            .setStates(2)
            .setActions(2)
            .addTransition(0, 0, 0, 1.0)
            .addTransition(1, 0, 1, 1.0)
            .addTransition(1, 1, 0, 1.0);
    if (stochastic) {
      b.addTransition(0, 1, 0, 0.5).addTransition(0, 1, 1, 0.5);
    } else {
      b.addTransition(0, 1, 1, 1.0);
    }
    return b.setRewards(new double[][] {{1, 0}, {0, 2}}).setInitial(new double[] {1, 0}).build();
  }

  @Test
  void deterministicBackwardForwardMarginalsVisitation() {
    FiniteHorizonSolution sol = ControlAsInference.solve(twoStates(false), InferenceConfig.of(2));
    // V_1(s) = log sum_a exp(r(s,a)): log(e + 1) = 1.3132616875182228, log(1 + e^2) =
    // 2.1269280110429722
    assertThat(sol.v()[1][0]).isCloseTo(1.3132616875182228, offset(1e-14));
    assertThat(sol.v()[1][1]).isCloseTo(2.1269280110429722, offset(1e-14));
    // Q_0(0,0) = 1 + V_1(0), Q_0(0,1) = 0 + V_1(1); V_0(0) = log(e^Q00 + e^Q01) =
    // 2.9175757955891974
    assertThat(sol.q(0, 0, 0)).isCloseTo(1 + Math.log(E + 1), offset(1e-14));
    assertThat(sol.q(0, 0, 1)).isCloseTo(Math.log(1 + E * E), offset(1e-14));
    assertThat(sol.v()[0][0]).isCloseTo(2.9175757955891974, offset(1e-14));
    // pi_0(0|0) = e(e+1) / (e(e+1) + 1 + e^2)
    double pi00 = E * (E + 1) / (E * (E + 1) + 1 + E * E);
    assertThat(sol.policy(0, 0, 0)).isCloseTo(pi00, offset(1e-14));
    // fwd_1 = (e/2, 1/2) normalized = (e/(e+1), 1/(e+1))
    assertThat(sol.forward()[1][0]).isCloseTo(E / (E + 1), offset(1e-14));
    // marginal_1 proportional to fwd_1(s) exp(V_1(s)) = (e(e+1), 1+e^2)/(e+1)
    assertThat(sol.marginals().orElseThrow()[1][0]).isCloseTo(pi00, offset(1e-14));
    // visitation d_1 = pi_0(.|0): equal to the marginals (deterministic, single start)
    assertThat(sol.visitation()[1][0]).isCloseTo(pi00, offset(1e-14));
    assertThat(sol.marginals().orElseThrow()[0]).containsExactly(1.0, 0.0);
  }

  @Test
  void stochasticExactIsOptimisticMaxentIsTheExpectation() {
    Mdp mdp = twoStates(true);
    FiniteHorizonSolution exact = ControlAsInference.solve(mdp, InferenceConfig.of(2));
    FiniteHorizonSolution maxent =
        ControlAsInference.solve(mdp, InferenceConfig.of(2).withBackup(Backup.MAXENT));
    double v10 = Math.log(E + 1);
    double v11 = Math.log(1 + E * E);
    // exact: Q_0(0,1) = log(e^V10 / 2 + e^V11 / 2) = 1.800664528512293; maxent: (V10 + V11)/2 =
    // 1.7200948492805974
    assertThat(exact.q(0, 0, 1)).isCloseTo(1.800664528512293, offset(1e-14));
    assertThat(maxent.q(0, 0, 1)).isCloseTo(1.7200948492805974, offset(1e-14));
    assertThat(maxent.q(0, 0, 1)).isCloseTo((v10 + v11) / 2, offset(1e-14));
    // V_0(0): 2.782601358768528 (exact) > 2.753176270527709 (maxent)
    assertThat(exact.v()[0][0]).isCloseTo(2.782601358768528, offset(1e-14));
    assertThat(maxent.v()[0][0]).isCloseTo(2.753176270527709, offset(1e-14));
    // The posterior "chooses its luck": it lands in the rewarding state 1 more often than its
    // policy would.
    assertThat(exact.marginals().orElseThrow()[1][1]).isGreaterThan(exact.visitation()[1][1]);
  }

  @Test
  void discountMultipliesTheBackup() {
    FiniteHorizonSolution sol =
        ControlAsInference.solve(twoStates(true), new InferenceConfig(2, 1.0, Backup.MAXENT, 0.5));
    double v10 = Math.log(E + 1);
    double v11 = Math.log(1 + E * E);
    assertThat(sol.q(0, 0, 0)).isCloseTo(1 + 0.5 * v10, offset(1e-14));
    assertThat(sol.q(0, 0, 1)).isCloseTo(0.5 * (v10 + v11) / 2, offset(1e-14));
  }

  @Test
  void temperatureScalesTheSoftMax() {
    // T = 1: V_0(1) = alpha log(exp(0/alpha) + exp(2/alpha)).
    for (double alpha : new double[] {0.1, 1, 10}) {
      FiniteHorizonSolution sol =
          ControlAsInference.solve(twoStates(false), InferenceConfig.of(1).withTemperature(alpha));
      assertThat(sol.v()[0][1]).isCloseTo(alpha * Math.log(1 + Math.exp(2 / alpha)), offset(1e-12));
      assertThat(sol.policy(0, 1, 1)).isCloseTo(1 / (1 + Math.exp(-2 / alpha)), offset(1e-14));
    }
  }

  @Test
  void infiniteHorizonSingleStateFixedPoint() {
    // One state, rewards (0, 1, 2): V = gamma V + alpha log sum_a exp(r_a / alpha), so V = alpha
    // log(1+e+e^2)/(1-gamma).
    Mdp mdp =
        Mdp.builder()
            .setStates(1)
            .setActions(3)
            .addTransition(0, 0, 0, 1)
            .addTransition(0, 1, 0, 1)
            .addTransition(0, 2, 0, 1)
            .setRewards(new double[][] {{0, 1, 2}})
            .setInitial(new double[] {1})
            .build();
    StationarySolution sol =
        SoftValueIteration.solve(mdp, InfiniteHorizonConfig.of(2.0, Backup.EXACT, 0.9));
    double expected = 2.0 * Math.log(1 + Math.exp(0.5) + Math.exp(1.0)) / 0.1;
    assertThat(sol.converged()).isTrue();
    assertThat(sol.residual()).isLessThanOrEqualTo(1e-10);
    assertThat(sol.v()[0]).isCloseTo(expected, offset(1e-8));
    assertThat(sol.policy(0, 2))
        .isCloseTo(Math.exp(1.0) / (1 + Math.exp(0.5) + Math.exp(1.0)), offset(1e-12));
    // gamma^k contraction from V = 0: about log(1e-10 / 70) / log(0.9) = 240 sweeps
    assertThat(sol.iterations()).isBetween(200, 300);
  }
}
