package org.varl.cli.imitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import org.varl.rl.imitation.DemoCsv;
import org.varl.rl.imitation.DemoFiles;
import org.varl.rl.imitation.Demonstrations;
import picocli.CommandLine;

/** {@code varl imitation demos} in-process: the file, its rows, bad options. */
class DemosCommandTest {

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return new Run(cl.execute(args), err.toString());
  }

  @Test
  void writesTheLibrarysRowsForTheSeed(@TempDir Path dir) throws Exception {
    Run r =
        run(
            "imitation",
            "demos",
            "--obstacles",
            "2",
            "--episodes",
            "15",
            "--seed",
            "4",
            "--out",
            dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (Reader in = Files.newBufferedReader(dir.resolve("demos.csv"))) {
      assertThat(DemoCsv.read(in, "demos.csv")).isEqualTo(Demonstrations.generate(2, 15, 4));
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("demos.csv", "demos.json");
    }
    DemoFiles.Demos back = DemoFiles.read(dir);
    assertThat(back.obstacles()).isEqualTo(2);
    assertThat(back.rows()).isEqualTo(Demonstrations.generate(2, 15, 4));
  }

  @Test
  void badOptionsExit2WithOneLineAndWriteNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("o");
    Run r = run("imitation", "demos", "--obstacles", "3", "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("obstacles").contains("3");
    r = run("imitation", "demos", "--episodes", "0", "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("episodes").contains("0");
    assertThat(Files.exists(out.resolve("demos.csv"))).isFalse();
  }
}
