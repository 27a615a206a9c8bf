package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.CliRun;

/**
 * {@code varl rl representation}'s refusals before any work (the runs are tested in
 * varl-experiments).
 */
class RepresentationCommandTest {

  @TempDir Path dir;

  private static int run(StringWriter err, String... args) {
    return CliRun.run(err, args);
  }

  @Test
  void badInputIsOneLineExitTwoAndNothingWritten() {
    String[][] cases = {
      {"--pixels", "cnn"}, {"--variants", "state,raw"}, {"--steps", "10"},
    };
    String[] expected = {
      "pixels must be conv or mlp, found 'cnn'",
      "variants must be among state, vae-z, pixels, vae-z-refit, belief, found 'raw'",
      "steps must be >= 200, found 10",
    };
    for (int i = 0; i < cases.length; i++) {
      Path out = dir.resolve("bad" + i);
      String[] args = new String[cases[i].length + 4];
      args[0] = "rl";
      args[1] = "representation";
      System.arraycopy(cases[i], 0, args, 2, cases[i].length);
      args[args.length - 2] = "--out";
      args[args.length - 1] = out.toString();
      StringWriter err = new StringWriter();
      assertThat(run(err, args)).as(err.toString()).isEqualTo(2);
      assertThat(err.toString()).contains(expected[i]);
      assertThat(err.toString().strip().lines().count()).as(err.toString()).isEqualTo(1);
      assertThat(Files.exists(out)).as("nothing written for case " + i).isFalse();
    }
  }
}
