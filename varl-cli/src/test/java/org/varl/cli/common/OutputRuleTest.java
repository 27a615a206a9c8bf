package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.varl.cli.VarlCommand;
import org.varl.cli.tour.TourCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The output rule, command by command: every {@code --out} that is a device, a FIFO, a symbolic
 * link, the empty path, the wrong kind (a file for a directory) or an input is exit 2 with one line
 * naming {@code --out}, before any work; an I/O failure while writing is exit 1 with one line and
 * leaves neither a partial set of files nor temporaries.
 */
class OutputRuleTest {

  @TempDir Path dir;

  record Run(int code, String out, String err, long millis) {}

  static Run varl(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    long t0 = System.nanoTime();
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
  }

  static Run varl(String... args) {
    return varl(VarlCommand.newCommandLine(), args);
  }

  /** Every command that writes into {@code --out DIR}, with the options it needs to start. */
  static Stream<List<String>> directoryCommands() {
    String model = "no-such-run-directory";
    return Stream.of(
        List.of("control", "gridworld"),
        List.of("control", "irl"),
        List.of("vi", "estimators"),
        List.of("vi", "amortization"),
        List.of("vae", "train"),
        List.of("vae", "eval", "--model", model),
        List.of("vae", "sample", "--model", model),
        List.of("vae", "reconstruct", "--model", model),
        List.of("vae", "latent", "--model", model),
        List.of("vae", "interpolate", "--model", model),
        List.of("rl", "tabular"),
        List.of("rl", "collect", "--steps", "5"),
        List.of("rl", "representation", "--steps", "200", "--seeds", "1"),
        List.of("imitation", "demos"),
        List.of("imitation", "train", "--demos", "no-such-demos"),
        List.of("imitation", "eval", "--model", model),
        List.of("imitation", "compare", "--demos", "no-such-demos"),
        List.of("ssm", "generate"),
        List.of("ssm", "train", "--data", "csv:no-such.csv"),
        List.of("ssm", "elbo", "--model", model, "--data", "csv:no-such.csv", "--truth", "t.json"),
        List.of("ssm", "predict", "--model", model),
        List.of("tour", "--only", "control"));
  }

  private Run withOut(List<String> command, String out) {
    List<String> args = new ArrayList<>(command);
    args.add("--out");
    args.add(out);
    return varl(args.toArray(String[]::new));
  }

  /**
   * Exit 2, one line naming --out, the value and {@code reason}, fast: the vi and VAE commands take
   * seconds to minutes of work before writing, the check must come first.
   */
  private static void assertRefused(Run r, String value, String reason) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--out " + value).contains(reason);
    assertThat(r.millis()).as("refused before any work").isLessThan(3000);
  }

  @ParameterizedTest
  @MethodSource("directoryCommands")
  void everyDirectoryCommandRefusesABadOutBeforeWork(List<String> command) throws Exception {
    Path devNull = Path.of("/dev/null");
    assertRefused(withOut(command, "/dev/null"), "/dev/null", "is not a directory");
    assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(devNull)).isTrue();

    Path fifo = dir.resolve("fifo");
    if (!Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)) {
      assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    }
    assertRefused(withOut(command, fifo.toString()), fifo.toString(), "is not a directory");

    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = dir.resolve("link");
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, real);
    }
    assertRefused(withOut(command, link.toString()), link.toString(), "is a symbolic link");

    Path file = Files.writeString(dir.resolve("afile"), "mine");
    assertRefused(
        withOut(command, file.toString()), file.toString(), "is a regular file, not a directory");
    assertThat(Files.readString(file)).isEqualTo("mine");

    Run empty = withOut(command, "");
    assertThat(empty.code()).as(empty.err()).isEqualTo(2);
    assertThat(empty.err().strip()).doesNotContain("\n").contains("--out \"\": the path is empty");
    try (Stream<Path> left = Files.list(real)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void solveRefusesItsInputDevicesLinksAndTheEmptyPath() throws Exception {
    Path mdp =
        Files.writeString(
            dir.resolve("mdp.json"),
            "{\"states\": 1, \"actions\": 1, \"transitions\": [[0, 0, 0, 1]],"
                + " \"rewards\": [[1]], \"initial\": [1]}");
    String original = Files.readString(mdp);
    String[] base = {"control", "solve", "--mdp", mdp.toString(), "--horizon", "2", "--out"};
    assertRefused(
        varl(concat(base, dir.resolve("sub/../mdp.json").toString())),
        dir.resolve("sub/../mdp.json").toString(),
        "is also an input file");
    assertThat(Files.readString(mdp)).isEqualTo(original);
    assertRefused(varl(concat(base, "/dev/null")), "/dev/null", "is not a regular file");
    assertThat(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    Path target = Files.writeString(dir.resolve("t.json"), "keep");
    Path link = Files.createSymbolicLink(dir.resolve("l.json"), target);
    assertRefused(varl(concat(base, link.toString())), link.toString(), "is a symbolic link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("keep");
    assertRefused(varl(concat(base, dir.toString())), dir.toString(), "is a directory");
    Run empty = varl(concat(base, ""));
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("--out \"\": the path is empty");
    // and a good target still works
    Run ok = varl(concat(base, dir.resolve("result.json").toString()));
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(dir.resolve("result.json")).isNotEmptyFile();
  }

  /**
   * metrics.csv is written after the figures; a directory in its way fails the write half-way: exit
   * 1, one line, none of the figures written before it, no temporaries.
   */
  @Test
  void aFailureHalfWayLeavesNoPartialSetAndExitsOne() throws Exception {
    Path out = Files.createDirectories(dir.resolve("gw"));
    Files.createDirectories(out.resolve("metrics.csv"));
    Run r = varl("control", "gridworld", "--size", "4", "--samples", "10", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .contains("cannot write " + out.resolve("metrics.csv"))
        .contains("is a directory")
        .doesNotContain("Exception");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).containsExactly(out.resolve("metrics.csv"));
    }
  }

  @Command(name = "fail")
  static final class FullDisk implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UncheckedIOException(
          "cannot write out/a.json: No space left on device",
          new FileSystemException("out/a.json", null, "No space left on device"));
    }
  }

  @Test
  void anIoFailureIsExitOneWithOneLineAndNoStackTrace() {
    CommandLine cl = VarlCommand.newCommandLine();
    cl.addSubcommand("fail", new FullDisk());
    Run r = varl(cl, "fail");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("varl fail: cannot write out/a.json: No space left on device");
  }

  @Test
  void theTourRunsTwiceIntoOneDirectory() throws Exception {
    Path out = dir.resolve("tour");
    TourCommand.Result first = TourCommand.run(out, 1, Set.of("control"));
    assertThat(first.failures()).isZero();
    Path stale = Files.writeString(out.resolve("control/stale-from-an-old-run.txt"), "x");
    TourCommand.Result second = TourCommand.run(out, 1, Set.of("control"));
    assertThat(second.failures()).isZero();
    assertThat(second.index()).isNotEmptyFile();
    assertThat(Files.exists(stale)).as("the section's directory is replaced").isFalse();
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  private static String[] concat(String[] base, String last) {
    String[] a = java.util.Arrays.copyOf(base, base.length + 1);
    a[base.length] = last;
    return a;
  }
}
