package org.varl.control;

import java.util.Locale;

/**
 * What a solve can represent in doubles, checked before it starts (issue 9). Every value of the
 * backward messages is bounded by
 *
 * <pre>
 *   |V_t(s)|, |Q_t(s,a)|  <=  B + alpha L n,     B = max_{s,a} |r(s,a)| n,
 *   n = T (finite horizon) or 1/(1 - gamma) (discounted, horizon inf),
 *   L = log A without a prior (the soft maximum's entropy bonus), max |log p(a|s)| over p > 0 with one
 * </pre>
 *
 * and every exponent the solvers form, (Q - V)/alpha, r/alpha summed along the forward messages,
 * V/alpha in the posterior, is at most about 2 B / alpha + L n. So a solve is refused, one line
 * naming the field, when B &gt; {@value #MAX_VALUE} (the rewards: V would overflow and the policy
 * rows with it), when alpha L n &gt; {@value #MAX_VALUE} (a temperature too large) or when 2 B /
 * alpha &gt; {@value #MAX_EXPONENT} (a temperature below the representable range for these
 * rewards). The margins to Double.MAX_VALUE (1.8e308) leave room for the sums over actions and
 * successors.
 */
final class NumericRange {
  /** Largest |V| bound accepted. */
  static final double MAX_VALUE = 1e300;

  /** Largest bound on the exponents (Q - V)/alpha accepted. */
  static final double MAX_EXPONENT = 1e305;

  private NumericRange() {}

  /** Finite horizon T. */
  static void checkHorizon(Mdp mdp, double alpha, int horizon) {
    check(mdp, alpha, horizon, "horizon " + horizon);
  }

  /** Discounted, horizon inf: n = 1/(1 - gamma). */
  static void checkDiscounted(Mdp mdp, double alpha, double gamma) {
    check(
        mdp,
        alpha,
        1.0 / (1.0 - gamma),
        String.format(Locale.ROOT, "1/(1 - discount) = %.6g", 1.0 / (1.0 - gamma)));
  }

  /** The products in the messages are printed exactly, even where a double would overflow. */
  private static java.math.BigDecimal exact(double x) {
    return new java.math.BigDecimal(x);
  }

  private static void check(Mdp mdp, double alpha, double steps, String stepsText) {
    int worst = 0;
    for (int i = 1; i < mdp.rewards.length; i++) {
      if (Math.abs(mdp.rewards[i]) > Math.abs(mdp.rewards[worst])) {
        worst = i;
      }
    }
    double maxReward = Math.abs(mdp.rewards[worst]);
    double bound = maxReward * steps;
    if (bound > MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "rewards[%d][%d]: %s times %s bounds the value by %.3e, which doubles cannot hold"
                  + " through the solve (limit %.0e); rescale the rewards",
              worst / mdp.numActions,
              worst % mdp.numActions,
              mdp.rewards[worst],
              stepsText,
              exact(maxReward).multiply(exact(steps)),
              MAX_VALUE));
    }
    double logTerm = Math.log(mdp.numActions);
    if (mdp.actionPrior != null) {
      logTerm = 0.0;
      for (double p : mdp.actionPrior) {
        if (p > 0.0) {
          logTerm = Math.max(logTerm, -Math.log(p));
        }
      }
    }
    if (alpha * logTerm * steps > MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "temperature: %s is too large: alpha x %s x %s = %.3e exceeds %.0e",
              alpha,
              mdp.actionPrior == null ? "log A" : "max |log p(a|s)|",
              stepsText,
              exact(alpha).multiply(exact(logTerm)).multiply(exact(steps)),
              MAX_VALUE));
    }
    if (2.0 * bound / alpha > MAX_EXPONENT) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "temperature: %s is below the representable range for these rewards: 2 max |r| x %s"
                  + " / alpha = %.3e exceeds %.0e (the exponents (Q - V)/alpha); use a temperature"
                  + " >= %.3g",
              alpha,
              stepsText,
              exact(2.0 * bound).divide(exact(alpha), java.math.MathContext.DECIMAL64),
              MAX_EXPONENT,
              2.0 * bound / MAX_EXPONENT));
    }
  }
}
