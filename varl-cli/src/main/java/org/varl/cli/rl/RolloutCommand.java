package org.varl.cli.rl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.SeedOption;
import org.varl.core.io.AtomicFiles;
import org.varl.rl.env.CartPole;
import org.varl.rl.env.Envs;
import org.varl.rl.env.MountainCarContinuous;
import org.varl.rl.env.Pendulum;
import org.varl.rl.env.Rollout;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl rl rollout}: plays a given action sequence in an environment, from a seeded reset or
 * from a physical state given in Gymnasium's order, and writes the trajectory as CSV, so that a
 * user can replay the same actions in Gymnasium and compare step for step.
 *
 * <p>Output columns: {@code step, obs_0 … obs_{k−1}, action_0 … action_{m−1}, reward, terminated,
 * truncated}. Row 0 is the start (the observation of the reset or of {@code --state}; its action
 * and reward cells are empty, both flags false); row t ≥ 1 holds the observation that step t
 * returned, the action given for it (before clipping) and its reward. Numbers are written with
 * Java's {@code Double.toString}, which reads back to the same double; observations are float32
 * values, as Gymnasium's. The rollout stops at the first terminated or truncated step (the
 * environment's time limit) or when the actions run out. The file is written atomically, and
 * nothing is written on bad input.
 */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description =
        "Play an action sequence (CSV, one action per line) in Pendulum-v1, CartPole-v1 or"
            + " MountainCarContinuous-v0 from a seeded reset or a given state, and write the"
            + " trajectory: step,obs_0..,action_0..,reward,terminated,truncated.")
public final class RolloutCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--env",
      required = true,
      paramLabel = "NAME",
      description =
          "pendulum, cartpole or mountaincar-continuous (or the Gymnasium ids Pendulum-v1,"
              + " CartPole-v1, MountainCarContinuous-v0), each in its time limit of 200, 500, 999"
              + " steps.")
  String env;

  @Mixin SeedOption seed;

  @Option(
      names = "--state",
      paramLabel = "V1,V2,...",
      description =
          "Start from this physical state instead of a seeded reset, in Gymnasium's order:"
              + " Pendulum theta,theta_dot; CartPole x,x_dot,theta,theta_dot; MountainCar"
              + " position,velocity (excludes --seed). Default: none, a seeded reset.")
  String state;

  @Option(
      names = "--actions",
      required = true,
      paramLabel = "FILE",
      description =
          "One action per line, one column per action coordinate (CartPole: 0 or 1), finite"
              + " decimal numbers; an optional header action_0,...; blank and # lines skipped.")
  Path actions;

  @Option(
      names = "--out",
      defaultValue = "traj.csv",
      paramLabel = "FILE",
      description = "Output CSV (default: ${DEFAULT-VALUE}).")
  Path out;

  /**
   * The parsed options.
   *
   * @param state the start state in Gymnasium's order, or null for a reset seeded by {@code seed}
   */
  public record Config(String env, long seed, double[] state, Path actions, Path out) {}

  /** What was played and written. */
  public record Result(
      Path out,
      String env,
      int steps,
      double totalReward,
      boolean terminated,
      boolean truncated,
      int unusedActions) {}

  @Override
  public Integer call() {
    Outputs.file(out, actions);
    if (state != null && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
      throw new IllegalArgumentException(
          "--seed and --state exclude each other: --state gives the whole start state");
    }
    Result r =
        run(new Config(env, seed.seed, state == null ? null : parseState(state), actions, out));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        String.format(
            Locale.ROOT,
            "wrote %s: %s, %d steps, return %.6g, %s%s",
            r.out(),
            r.env(),
            r.steps(),
            r.totalReward(),
            r.terminated() ? "terminated" : r.truncated() ? "truncated" : "actions ran out",
            r.unusedActions() > 0
                ? " (" + r.unusedActions() + " actions after the end not played)"
                : ""));
    stdout.flush();
    return 0;
  }

  /** {@code --state} as numbers: comma-separated finite decimals. */
  static double[] parseState(String text) {
    String[] cells = text.split(",", -1);
    double[] values = new double[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i].strip();
      Double v = Decimals.parse(cell);
      if (v == null) {
        throw new IllegalArgumentException(
            "--state: value " + (i + 1) + " is not a finite decimal number: \"" + cell + "\"");
      }
      values[i] = v;
    }
    return values;
  }

  /**
   * Makes the environment, reads and checks the actions, starts the episode, plays it and writes
   * the CSV atomically; every check comes before the write, so bad input writes nothing.
   */
  public static Result run(Config c) {
    TimeLimit env = Envs.make(c.env());
    List<double[]> sequence = ActionsCsv.read(c.actions(), env.actionSpace(), env.id());
    double[] start;
    if (c.state() == null) {
      start = env.reset(c.seed());
    } else {
      int length = env.state().length;
      if (c.state().length != length) {
        throw new IllegalArgumentException(
            "--state must have "
                + length
                + " values for "
                + env.id()
                + " (Gymnasium's order: "
                + stateNames(env.id())
                + "), found "
                + c.state().length
                + ": "
                + Arrays.toString(c.state()));
      }
      env.reset(c.seed());
      start = env.setState(c.state());
    }
    Rollout.Trajectory t = Rollout.play(env, start, sequence);
    AtomicFiles.writeString(
        c.out(), csv(t, env.observationSpace().dimension(), env.actionSpace().dimension()));
    return new Result(
        c.out(),
        env.id(),
        t.steps().size(),
        t.totalReward(),
        t.terminated(),
        t.truncated(),
        t.unusedActions());
  }

  private static String stateNames(String id) {
    return switch (id.replace("-pixels", "")) {
      case Pendulum.ID -> "theta, theta_dot";
      case CartPole.ID -> "x, x_dot, theta, theta_dot";
      case MountainCarContinuous.ID -> "position, velocity";
      default -> throw new IllegalStateException("no state layout for " + id);
    };
  }

  /** The trajectory as CSV: the header, the start row, one row per step. */
  static String csv(Rollout.Trajectory t, int observationDim, int actionDim) {
    StringBuilder sb = new StringBuilder("step");
    for (int i = 0; i < observationDim; i++) {
      sb.append(",obs_").append(i);
    }
    for (int i = 0; i < actionDim; i++) {
      sb.append(",action_").append(i);
    }
    sb.append(",reward,terminated,truncated\n");
    sb.append(0);
    for (double v : t.initialObservation()) {
      sb.append(',').append(v);
    }
    sb.append(",".repeat(actionDim)).append(",,false,false\n");
    for (int s = 0; s < t.steps().size(); s++) {
      Step step = t.steps().get(s);
      sb.append(s + 1);
      for (double v : step.observation()) {
        sb.append(',').append(v);
      }
      for (double v : t.actions().get(s)) {
        sb.append(',').append(v);
      }
      sb.append(',')
          .append(step.reward())
          .append(',')
          .append(step.terminated())
          .append(',')
          .append(step.truncated())
          .append('\n');
    }
    return sb.toString();
  }
}
