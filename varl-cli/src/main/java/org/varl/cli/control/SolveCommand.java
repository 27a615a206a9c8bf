package org.varl.cli.control;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.varl.cli.common.Json;
import org.varl.cli.common.Numbers;
import org.varl.cli.common.Outputs;
import org.varl.control.Backup;
import org.varl.control.ControlAsInference;
import org.varl.control.FiniteHorizonSolution;
import org.varl.control.InferenceConfig;
import org.varl.control.InfiniteHorizonConfig;
import org.varl.control.Mdp;
import org.varl.control.MdpJson;
import org.varl.control.SoftValueIteration;
import org.varl.control.StationarySolution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varl control solve}: control as inference on an MDP read from JSON. Finite horizon: writes
 * Q [T][S][A], V [T][S], policy [T][S][A], forward [T][S], marginals [T][S], visitation [T][S] and
 * marginalsNote, the line saying what the marginals are ({@link ControlAsInference}: the posterior
 * p(s_t | O) for exact with discount 1, the variational posterior's, equal to the visitation, for
 * maxent; null for exact with discount &lt; 1, which defines no posterior); {@code --horizon inf}:
 * the stationary Q [S][A], V [S], policy [S][A], iterations and residual, and marginals null with
 * its note. The output is written atomically; on bad input nothing is written.
 */
@Command(
    name = "solve",
    mixinStandardHelpOptions = true,
    description =
        "Backward/forward messages, posterior marginals and policy visitation of an MDP given as JSON"
            + " ({\"states\", \"actions\", \"transitions\": [[s, a, s2, p], ...], \"rewards\", \"initial\","
            + " \"actionPrior\"?}); with --horizon inf, discounted soft value iteration.")
public final class SolveCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--mdp", required = true, paramLabel = "FILE", description = "The MDP as JSON.")
  Path mdp;

  @Option(
      names = "--horizon",
      required = true,
      paramLabel = "T|inf",
      description =
          "Horizon T >= 1, or inf for infinite-horizon discounted soft value iteration (needs --discount < 1).")
  String horizon;

  @Option(
      names = "--temperature",
      defaultValue = "1.0",
      paramLabel = "ALPHA",
      description =
          "Temperature alpha > 0: p(O|s,a) = exp(r(s,a)/alpha) (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--backup",
      defaultValue = "exact",
      paramLabel = "exact|maxent",
      description =
          "exact: alpha log E exp(V/alpha), the true (optimistic) messages; maxent: E V, the variational"
              + " backup (default: ${DEFAULT-VALUE}).")
  String backup;

  @Option(
      names = "--discount",
      defaultValue = "1.0",
      paramLabel = "GAMMA",
      description = "Discount gamma in (0, 1]: Q = r~ + gamma B[V] (default: ${DEFAULT-VALUE}).")
  double discount;

  @Option(
      names = "--normalize",
      defaultValue = "false",
      description =
          "Rescale transition rows that do not sum to 1 instead of rejecting them (default: ${DEFAULT-VALUE}).")
  boolean normalize;

  @Option(
      names = "--tolerance",
      paramLabel = "EPS",
      defaultValue = "1e-10",
      description = "--horizon inf: stop when max |V_new - V| <= this (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "--horizon inf: at most this many sweeps (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(
      names = "--out",
      defaultValue = "result.json",
      paramLabel = "FILE",
      description = "Output JSON (default: ${DEFAULT-VALUE}).")
  Path out;

  /** The parsed options; {@code horizon} is "inf" or an integer. */
  public record Config(
      Path mdp,
      String horizon,
      double temperature,
      Backup backup,
      double discount,
      boolean normalize,
      double tolerance,
      int maxIterations,
      Path out) {}

  /**
   * What was solved: horizon (-1 for inf), sizes, sum_s p0(s) V_0(s), and for inf the sweeps, the
   * residual and whether it reached the tolerance.
   */
  public record Result(
      Path out,
      int horizon,
      int states,
      int actions,
      double startValue,
      int iterations,
      double residual,
      boolean converged) {}

  @Override
  public Integer call() {
    Outputs.file(out, mdp);
    Result r =
        run(
            new Config(
                mdp,
                horizon,
                temperature,
                Backup.parse(backup),
                discount,
                normalize,
                tolerance,
                maxIterations,
                out));
    System.out.println(
        String.format(
            Locale.ROOT,
            "wrote %s: S=%d A=%d horizon=%s E_p0[V_0]=%s%s",
            r.out(),
            r.states(),
            r.actions(),
            r.horizon() < 0 ? "inf" : Integer.toString(r.horizon()),
            Numbers.format(r.startValue()),
            r.horizon() < 0
                ? String.format(
                    Locale.ROOT,
                    " iterations=%d residual=%s",
                    r.iterations(),
                    Numbers.format(r.residual()))
                : ""));
    if (!r.converged()) {
      // The file is complete and says "converged": false; the exit code says it too, so scripts
      // cannot miss it.
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          String.format(
              Locale.ROOT,
              "varl control solve: not converged after %d iterations: residual"
                  + " %s > tolerance %s; raise --max-iterations",
              r.iterations(),
              Numbers.format(r.residual()),
              Numbers.format(tolerance)));
      err.flush();
      return 1;
    }
    return 0;
  }

  /** Why {@code --horizon inf} writes no marginals. */
  static final String INFINITE_HORIZON_MARGINALS =
      "undefined: --horizon inf has no trajectory of a fixed length,"
          + " so there is no posterior over s_t (nor a visitation d_t); use a finite --horizon";

  /**
   * Validates, reads the MDP, solves, and writes the JSON atomically (nothing is written on bad
   * input).
   */
  public static Result run(Config c) {
    boolean infinite = "inf".equalsIgnoreCase(c.horizon());
    // Checked for every horizon: an option that does not apply must still not hold nonsense.
    InfiniteHorizonConfig.checkStopping(c.tolerance(), c.maxIterations());
    Map<String, Object> json = new LinkedHashMap<>();
    if (infinite) {
      InfiniteHorizonConfig config =
          new InfiniteHorizonConfig(
              c.temperature(), c.backup(), c.discount(), c.tolerance(), c.maxIterations());
      Mdp model = MdpJson.read(c.mdp(), c.normalize());
      StationarySolution sol = SoftValueIteration.solve(model, config);
      int numActions = model.numActions();
      json.put("horizon", "inf");
      putSettings(json, c);
      json.put("iterations", sol.iterations());
      json.put("residual", sol.residual());
      json.put("converged", sol.converged());
      json.put("Q", reshape(sol.q(), numActions));
      json.put("V", sol.v());
      json.put("policy", reshape(sol.policy(), numActions));
      json.put("marginals", null);
      json.put("marginalsNote", INFINITE_HORIZON_MARGINALS);
      Json.write(c.out(), json);
      return new Result(
          c.out(),
          -1,
          model.numStates(),
          numActions,
          startValue(model, sol.v()),
          sol.iterations(),
          sol.residual(),
          sol.converged());
    }
    int t = parseHorizon(c.horizon());
    InferenceConfig config = new InferenceConfig(t, c.temperature(), c.backup(), c.discount());
    Mdp model = MdpJson.read(c.mdp(), c.normalize());
    FiniteHorizonSolution sol = ControlAsInference.solve(model, config);
    int numActions = model.numActions();
    json.put("horizon", t);
    putSettings(json, c);
    double[][][] q = new double[t][][];
    double[][][] policy = new double[t][][];
    for (int k = 0; k < t; k++) {
      q[k] = reshape(sol.q()[k], numActions);
      policy[k] = reshape(sol.policy()[k], numActions);
    }
    json.put("Q", q);
    json.put("V", sol.v());
    json.put("policy", policy);
    json.put("forward", sol.forward());
    json.put("marginals", sol.marginals().orElse(null));
    json.put("marginalsNote", sol.marginalsNote());
    json.put("visitation", sol.visitation());
    Json.write(c.out(), json);
    return new Result(
        c.out(), t, model.numStates(), numActions, startValue(model, sol.v()[0]), 0, 0.0, true);
  }

  private static void putSettings(Map<String, Object> json, Config c) {
    json.put("temperature", c.temperature());
    json.put("backup", c.backup().cliName());
    json.put("discount", c.discount());
  }

  static int parseHorizon(String text) {
    try {
      int t = org.varl.core.data.NumberText.parseInt(text.trim());
      if (t < 1) {
        throw new IllegalArgumentException("horizon: must be >= 1 or inf, found " + text);
      }
      return t;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("horizon: expected an integer >= 1 or inf, found " + text);
    }
  }

  private static double startValue(Mdp mdp, double[] v) {
    double sum = 0.0;
    for (int s = 0; s < mdp.numStates(); s++) {
      if (mdp.initial(s) > 0) {
        sum += mdp.initial(s) * v[s];
      }
    }
    return sum;
  }

  static double[][] reshape(double[] flat, int numActions) {
    double[][] m = new double[flat.length / numActions][numActions];
    for (int s = 0; s < m.length; s++) {
      System.arraycopy(flat, s * numActions, m[s], 0, numActions);
    }
    return m;
  }
}
