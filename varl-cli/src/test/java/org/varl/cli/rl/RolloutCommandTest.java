package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import org.varl.rl.env.CartPole;
import org.varl.rl.env.Envs;
import org.varl.rl.env.Pendulum;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;
import picocli.CommandLine;

class RolloutCommandTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run varl(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private int files;

  /** A fresh actions file (a new name each call). */
  private Path actions(String content) throws Exception {
    return Files.writeString(dir.resolve("actions-" + files++ + ".csv"), content);
  }

  private static String repeat(String line, int n) {
    return (line + "\n").repeat(n);
  }

  private List<String[]> rows(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().map(l -> l.split(",", -1)).toList();
  }

  @Test
  void fromAGivenStateTheRowsAreThePendulumsStepsDigitForDigit() throws Exception {
    Path a = actions("1.5\n-3\n0.25\n");
    Path out = dir.resolve("traj.csv");
    Run r =
        varl(
            "rl",
            "rollout",
            "--env",
            "Pendulum-v1",
            "--state",
            "1.0,0.5",
            "--actions",
            a.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String[]> rows = rows(out);
    assertThat(String.join(",", rows.get(0)))
        .isEqualTo("step,obs_0,obs_1,obs_2,action_0,reward,terminated,truncated");
    assertThat(rows).hasSize(1 + 1 + 3);
    Pendulum env = new Pendulum();
    double[] start = env.setState(new double[] {1.0, 0.5});
    assertThat(rows.get(1)).hasSize(8);
    assertThat(rows.get(1)[0]).isEqualTo("0");
    for (int i = 0; i < 3; i++) {
      assertThat(Double.parseDouble(rows.get(1)[1 + i])).isEqualTo(start[i]);
    }
    assertThat(List.of(rows.get(1)).subList(4, 8)).containsExactly("", "", "false", "false");
    double[] given = {1.5, -3, 0.25};
    for (int t = 1; t <= 3; t++) {
      Step s = env.step(new double[] {given[t - 1]});
      String[] row = rows.get(1 + t);
      assertThat(row[0]).isEqualTo(Integer.toString(t));
      for (int i = 0; i < 3; i++) {
        assertThat(Double.parseDouble(row[1 + i])).isEqualTo(s.observation()[i]);
      }
      assertThat(Double.parseDouble(row[4])).isEqualTo(given[t - 1]); // as given, not clipped
      assertThat(Double.parseDouble(row[5])).isEqualTo(s.reward());
      assertThat(row[6]).isEqualTo("false");
      assertThat(row[7]).isEqualTo("false");
    }
    assertThat(r.out()).contains("Pendulum-v1, 3 steps", "actions ran out");
  }

  @Test
  void aSeededResetIsReproducibleAndIsTheLibrarysReset() throws Exception {
    Path a = actions("0.1\n");
    Path one = dir.resolve("one.csv");
    Path two = dir.resolve("two.csv");
    Path other = dir.resolve("other.csv");
    String[] base = {"rl", "rollout", "--env", "pendulum", "--actions", a.toString()};
    assertThat(varl(concat(base, "--seed", "5", "--out", one.toString())).code()).isZero();
    assertThat(varl(concat(base, "--seed", "5", "--out", two.toString())).code()).isZero();
    assertThat(varl(concat(base, "--seed", "6", "--out", other.toString())).code()).isZero();
    assertThat(Files.readString(two)).isEqualTo(Files.readString(one));
    assertThat(Files.readString(other)).isNotEqualTo(Files.readString(one));
    double[] reset = Envs.make("pendulum").reset(5);
    String[] row0 = rows(one).get(1);
    for (int i = 0; i < 3; i++) {
      assertThat(Double.parseDouble(row0[1 + i])).isEqualTo(reset[i]);
    }
  }

  @Test
  void stopsAtTerminationAndAtTheTimeLimit() throws Exception {
    Path push = actions("action_0\n" + repeat("1", 300));
    Path out = dir.resolve("cartpole.csv");
    Run r =
        varl(
            "rl",
            "rollout",
            "--env",
            "cartpole",
            "--seed",
            "3",
            "--actions",
            push.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String[]> rows = rows(out);
    String[] last = rows.get(rows.size() - 1);
    assertThat(last[last.length - 2]).isEqualTo("true");
    assertThat(last[last.length - 1]).isEqualTo("false");
    int steps = rows.size() - 2;
    TimeLimit env = Envs.make("cartpole");
    env.reset(3);
    int expected = 0;
    Step s;
    do {
      s = env.step(new double[] {1});
      expected++;
    } while (!s.done());
    assertThat(steps).isEqualTo(expected);
    assertThat(r.out()).contains("terminated", (300 - steps) + " actions after the end not played");
    assertThat(last[5]).isEqualTo("1.0");
    assertThat(rows.get(0)).hasSize(1 + 4 + 1 + 3);

    Path zeros = actions("# do nothing\n\n" + repeat("0", 210));
    Path cut = dir.resolve("pendulum.csv");
    assertThat(
            varl(
                    "rl",
                    "rollout",
                    "--env",
                    "pendulum",
                    "--actions",
                    zeros.toString(),
                    "--out",
                    cut.toString())
                .code())
        .isZero();
    List<String[]> pendulum = rows(cut);
    assertThat(pendulum).hasSize(2 + Pendulum.MAX_EPISODE_STEPS);
    String[] end = pendulum.get(pendulum.size() - 1);
    assertThat(end[0]).isEqualTo("200");
    assertThat(end[6]).isEqualTo("false");
    assertThat(end[7]).isEqualTo("true");
    assertThat(pendulum.get(pendulum.size() - 2)[7]).isEqualTo("false");
  }

  @Test
  void mountainCarFromAStateReachesTheGoal() throws Exception {
    Path a = actions("1\n1\n");
    Path out = dir.resolve("mc.csv");
    Run r =
        varl(
            "rl",
            "rollout",
            "--env",
            "MountainCarContinuous-v0",
            "--state",
            "0.44,0.02",
            "--actions",
            a.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String[]> rows = rows(out);
    assertThat(rows).hasSize(3); // header, start, the terminating step
    assertThat(String.join(",", rows.get(2)).endsWith(",true,false")).isTrue();
    assertThat(Double.parseDouble(rows.get(2)[4])).isEqualTo(99.9);
  }

  /** Exit 2, one line on stderr containing {@code message}, and nothing written. */
  private void assertInputError(Path out, String message, String... args) {
    Run r = varl(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).contains(message).doesNotContain("\n");
    assertThat(Files.exists(out)).as("no output on bad input").isFalse();
    assertThat(dir.toFile().list()).allMatch(n -> !n.endsWith(".tmp"));
  }

  private String[] rollout(String env, Path a, Path out, String... more) {
    String[] base = {
      "rl", "rollout", "--env", env, "--actions", a.toString(), "--out", out.toString()
    };
    return concat(base, more);
  }

  @Test
  void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
    Path out = dir.resolve("traj.csv");
    Path good = actions("0.5\n");
    assertInputError(
        out,
        "env must be one of pendulum (Pendulum-v1), cartpole (CartPole-v1),"
            + " mountaincar-continuous (MountainCarContinuous-v0), pendulum-pixels"
            + " (Pendulum-v1-pixels), cartpole-pixels (CartPole-v1-pixels), found 'acrobot'",
        rollout("acrobot", good, out));
    for (String cell :
        new String[] {"1f", "0x1p3", "NaN", "Infinity", "2d", "abc", "1.2.3", "\u22121", "1e400"}) {
      Path bad = actions("0.5\n0.25\n" + cell + "\n");
      assertInputError(
          out,
          "--actions " + bad + ": line 3, column 1: not a finite decimal number: \"" + cell + "\"",
          rollout("pendulum", bad, out));
    }
    Path wide = actions("0.5\n0.1,0.2\n");
    assertInputError(
        out,
        "--actions "
            + wide
            + ": line 2 has 2 columns, expected 1 (the action dimension of"
            + " Pendulum-v1)",
        rollout("pendulum", wide, out));
    Path two = actions("1\n0\n2\n");
    assertInputError(
        out,
        "line 3, column 1: action must be an integer in [0, 2) for CartPole-v1, found \"2\"",
        rollout("cartpole", two, out));
    Path half = actions("0.5\n");
    assertInputError(out, "found \"0.5\"", rollout("cartpole", half, out));
    Path empty = actions("# nothing\n\n");
    assertInputError(out, "no actions", rollout("pendulum", empty, out));
    assertInputError(
        out,
        "--actions " + dir.resolve("missing.csv") + ": no such file",
        rollout("pendulum", dir.resolve("missing.csv"), out));
    assertInputError(
        out,
        "--state must have 2 values for Pendulum-v1 (Gymnasium's order: theta, theta_dot),"
            + " found 3",
        rollout("pendulum", good, out, "--state", "0.1,0.2,0.3"));
    assertInputError(
        out,
        "--state: value 2 is not a finite decimal number: \"NaN\"",
        rollout("pendulum", good, out, "--state", "0.1,NaN"));
    assertInputError(
        out,
        "--seed and --state exclude each other",
        rollout("pendulum", good, out, "--state", "0.1,0.2", "--seed", "4"));
    assertInputError(out, "is also an input file", rollout("pendulum", good, good));
    assertThat(Files.readString(good)).isEqualTo("0.5\n");
    assertInputError(
        out, "Missing required option: '--actions", "rl", "rollout", "--env", "pendulum");
  }

  @Test
  void helpListsTheOptionsAndDefaults() {
    Run r = varl("rl", "rollout", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "--env", "--seed", "default: 1", "--state", "--actions", "--out", "default: traj.csv");
    assertThat(varl("rl", "--help").out()).contains("rollout");
  }

  @Test
  void cartPoleActionsMayBeWrittenAsIntegersOrAsTheirDoubles() throws Exception {
    Path a = actions("1\n1.0\n0\n");
    Path out = dir.resolve("c.csv");
    assertThat(
            varl(
                    "rl",
                    "rollout",
                    "--env",
                    "cartpole",
                    "--state",
                    "0,0,0,0",
                    "--actions",
                    a.toString(),
                    "--out",
                    out.toString())
                .code())
        .isZero();
    CartPole env = new CartPole();
    env.setState(new double[] {0, 0, 0, 0});
    env.step(new double[] {1});
    env.step(new double[] {1});
    Step third = env.step(new double[] {0});
    String[] row = rows(out).get(4);
    for (int i = 0; i < 4; i++) {
      assertThat(Double.parseDouble(row[1 + i])).isEqualTo(third.observation()[i]);
    }
  }

  private static String[] concat(String[] base, String... more) {
    String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, a, base.length, more.length);
    return a;
  }
}
