package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.common.ErrorMessagesTest.Run;

/**
 * The example inputs the README's commands name exist and run (the README's {@code --map maze.txt}
 * named a file that was not provided). Tests run in the module directory, so the examples are one
 * level up.
 */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  @Test
  void theExampleMazeRunsAsTheReadmeShows() {
    Path maze = EXAMPLES.resolve("maze.txt");
    assertThat(maze).isRegularFile();
    Path out = dir.resolve("maze");
    Run r =
        ErrorMessagesTest.varl(
            "control",
            "gridworld",
            "--map",
            maze.toString(),
            "--slip",
            "0.2",
            "--horizon",
            "60",
            "--temperatures",
            "1",
            "--samples",
            "10",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("values-alpha-1.png")).isRegularFile();
    assertThat(out.resolve("metrics.json")).isRegularFile();
  }

  @Test
  void theExampleMdpSolvesAsTheReadmeShows() throws Exception {
    Path mdp = EXAMPLES.resolve("mdp.json");
    assertThat(mdp).isRegularFile();
    Path out = dir.resolve("result.json");
    Run r =
        ErrorMessagesTest.varl(
            "control",
            "solve",
            "--mdp",
            mdp.toString(),
            "--horizon",
            "20",
            "--temperature",
            "0.5",
            "--backup",
            "maxent",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out)).contains("\"visitation\"");
  }
}
